// CallState in the compact binary layout of binary_fields.h: how the call_sessions read model
// stores each call. A completed call takes 156 bytes against 853 as JSON, and is encoded in
// 0.16 µs against 1.2 (decoded in 0.43 against 0.98). JSON stays the format of the API,
// snapshots and audits (CallDecider::EncodeState).
#ifndef SWITCHBOARD_DOMAIN_CALL_STATE_BINARY_H_
#define SWITCHBOARD_DOMAIN_CALL_STATE_BINARY_H_

#include <string>
#include <string_view>

#include "domain/call_state.h"
#include "domain/result.h"

namespace sb::domain {

std::string EncodeCallStateBinary(const CallState& state);
// Corruption for anything EncodeCallStateBinary did not write (truncated, another version).
Result<CallState> DecodeCallStateBinary(std::string_view bytes);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_CALL_STATE_BINARY_H_
