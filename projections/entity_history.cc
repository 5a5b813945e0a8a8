#include "projections/entity_history.h"

#include <utility>

#include "domain/agent_decider.h"
#include "domain/call_decider.h"
#include "domain/customer_decider.h"

namespace sb::projections {
namespace {

// Large enough that a typical entity is one read, small enough to bound one read's memory.
constexpr size_t kChunk = 512;

// Calls `visit` for each event of `stream` in version order until it returns false.
template <class Visit>
Status WalkStream(const es::EventStore& store, const std::string& stream, Visit visit) {
  uint64_t next = 1;
  for (;;) {
    auto chunk = store.ReadStream(stream, next, es::Direction::kForward, kChunk);
    if (!chunk.ok()) return chunk.status();
    for (const auto& event : chunk.value()) {
      if (!visit(event)) return Status::OK();
      next = event.version + 1;
    }
    if (chunk.value().size() < kChunk) return Status::OK();
  }
}

template <class D>
Result<StateAt> Fold(const es::EventStore& store, const std::string& stream, domain::Timestamp at) {
  StateAt out;
  out.stream = stream;
  out.at = at;
  typename D::State state{};
  bool seen_any = false;
  Status decode_error;
  Status read = WalkStream(store, stream, [&](const es::RecordedEvent& recorded) {
    seen_any = true;
    if (recorded.timestamp_us > at) return false;
    auto event = D::DecodeEvent(recorded.type, recorded.payload);
    if (!event.ok()) {
      decode_error = Status::Corruption(stream + " v" + std::to_string(recorded.version) + " (" +
                                        recorded.type + "): " + event.status().ToString());
      return false;
    }
    D::EvolveInPlace(state, event.value());
    out.version = recorded.version;
    out.position = recorded.position;
    out.timestamp = recorded.timestamp_us;
    return true;
  });
  if (!read.ok()) return read;
  if (!decode_error.ok()) return decode_error;
  if (!seen_any) return Status::NotFound("no stream " + stream);
  out.state_json = D::EncodeState(state);
  return out;
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool IsAuditableKind(std::string_view kind) {
  return kind == domain::CallDecider::kKind || kind == domain::AgentDecider::kKind ||
         kind == domain::CustomerDecider::kKind;
}

Result<std::vector<es::RecordedEvent>> ReadHistory(const es::EventStore& store,
                                                   const std::string& stream) {
  auto name = ParseStreamName(stream);
  if (!name.ok()) return name.status();
  std::vector<es::RecordedEvent> events;
  Status read = WalkStream(store, stream, [&](const es::RecordedEvent& e) {
    events.push_back(e);
    return true;
  });
  if (!read.ok()) return read;
  if (events.empty()) return Status::NotFound("no stream " + stream);
  return events;
}

Result<StateAt> FoldStreamAt(const es::EventStore& store, const std::string& stream,
                             domain::Timestamp at) {
  auto name = ParseStreamName(stream);
  if (!name.ok()) return name.status();
  const std::string& kind = name->kind;
  if (kind == domain::CallDecider::kKind) return Fold<domain::CallDecider>(store, stream, at);
  if (kind == domain::AgentDecider::kKind) return Fold<domain::AgentDecider>(store, stream, at);
  if (kind == domain::CustomerDecider::kKind) {
    return Fold<domain::CustomerDecider>(store, stream, at);
  }
  return Status::InvalidArgument("no decider folds streams of kind '" + kind +
                                 "' (call, agent and customer do)");
}

Result<domain::Timestamp> ParseInstant(std::string_view text) {
  if (AllDigits(text)) {
    // Microseconds since the epoch; 19 digits may already overflow int64.
    if (text.size() > 18)
      return Status::InvalidArgument("instant out of range: " + std::string(text));
    domain::Timestamp micros = 0;
    for (char c : text) micros = micros * 10 + (c - '0');
    return micros;
  }
  auto parsed = domain::ParseTimestamp(text);
  if (!parsed.ok()) {
    return Status::InvalidArgument("'" + std::string(text) +
                                   "' is neither an RFC 3339 instant (2026-12-01T10:00:00Z) nor "
                                   "microseconds since the epoch");
  }
  return parsed;
}

}  // namespace sb::projections
