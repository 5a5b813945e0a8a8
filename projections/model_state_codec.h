// How an EntityProjection stores an entity's state in its model. By default the domain's JSON
// (Decider::EncodeState); call states, most of what a rebuild writes, in the compact binary
// layout (domain/call_state_binary.h). A model written before that change holds JSON call
// states, so decoding takes either: JSON always starts with '{', the binary layout never does.
#ifndef SWITCHBOARD_PROJECTIONS_MODEL_STATE_CODEC_H_
#define SWITCHBOARD_PROJECTIONS_MODEL_STATE_CODEC_H_

#include <string>
#include <string_view>

#include "domain/call_decider.h"
#include "domain/call_state_binary.h"
#include "domain/result.h"

namespace sb::projections {

template <class Decider>
struct ModelStateCodec {
  using State = typename Decider::State;
  static std::string Encode(const State& state) { return Decider::EncodeState(state); }
  static Result<State> Decode(std::string_view stored) {
    return Decider::DecodeState(std::string(stored));
  }
};

template <>
struct ModelStateCodec<domain::CallDecider> {
  using State = domain::CallState;
  static std::string Encode(const State& state) { return domain::EncodeCallStateBinary(state); }
  static Result<State> Decode(std::string_view stored) {
    if (!stored.empty() && stored.front() == '{') {
      return domain::CallDecider::DecodeState(std::string(stored));
    }
    return domain::DecodeCallStateBinary(stored);
  }
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_MODEL_STATE_CODEC_H_
