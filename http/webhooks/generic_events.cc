#include "http/webhooks/generic_events.h"

#include <optional>
#include <string>

#include "domain/ascii.h"
#include "domain/call_status.h"
#include "http/webhooks/digest.h"
#include "http/webhooks/normalize_util.h"

namespace sb::webhooks {
namespace {

struct EventWord {
  const char* word;  // canonical: upper case, '_' separated, without "CALL_"
  CallEventKind kind;
};

constexpr EventWord kEvents[] = {
    {"INITIATED", CallEventKind::kInitiated}, {"RINGING", CallEventKind::kRinging},
    {"ANSWERED", CallEventKind::kAnswered},   {"CONNECTED", CallEventKind::kAnswered},
    {"ENDED", CallEventKind::kEnded},         {"COMPLETED", CallEventKind::kEnded},
    {"FAILED", CallEventKind::kFailed},       {"BUSY", CallEventKind::kBusy},
    {"NO_ANSWER", CallEventKind::kNoAnswer},  {"CANCELED", CallEventKind::kCanceled},
    {"CANCELLED", CallEventKind::kCanceled},  {"INBOUND", CallEventKind::kInbound},
};

std::optional<CallEventKind> ParseEventType(std::string_view text) {
  std::string word = internal::Canonical(text);
  if (word.rfind("CALL_", 0) == 0) word.erase(0, 5);
  for (const EventWord& e : kEvents) {
    if (word == e.word) return e.kind;
  }
  return std::nullopt;
}

}  // namespace

Result<ProviderCallEvent> NormalizeGenericEvent(std::string_view provider, std::string_view body) {
  if (Status s = internal::CheckId("provider", provider); !s.ok()) return s;
  Result<boost::json::object> object = internal::ParseBodyObject(body);
  if (!object.ok()) return object.status();
  const internal::FieldLookup get = internal::JsonLookup(*object);

  Status status;
  auto read = [&](std::string_view name, std::optional<std::string>* out) {
    if (!status.ok()) return;
    Result<std::optional<std::string>> v = get(name);
    if (!v.ok()) {
      status = v.status();
    } else {
      *out = std::move(*v);
    }
  };
  std::optional<std::string> event_type, call_id, session_id, provider_call_id, correlation_id,
      from, to, direction, reported_status, duration, sequence, timestamp, event_id;
  read("event_type", &event_type);
  read("call_id", &call_id);
  read("session_id", &session_id);
  read("provider_call_id", &provider_call_id);
  read("correlation_id", &correlation_id);
  read("from_phone", &from);
  read("to_phone", &to);
  read("direction", &direction);
  read("status", &reported_status);
  read("duration_seconds", &duration);
  read("sequence", &sequence);
  read("timestamp", &timestamp);
  read("event_id", &event_id);
  if (!status.ok()) return status;

  ProviderCallEvent e;
  e.provider = std::string(provider);
  for (char& c : e.provider) c = domain::AsciiLower(c);

  if (!event_type) return Status::InvalidArgument("event_type: missing");
  const std::optional<CallEventKind> kind = ParseEventType(*event_type);
  if (!kind) return Status::InvalidArgument("event_type: unknown value \"" + *event_type + "\"");
  e.kind = *kind;
  e.raw_status = *event_type;
  if (reported_status && e.kind == CallEventKind::kEnded) {
    if (std::optional<domain::CallStatus> s = domain::ParseCallStatus(*reported_status)) {
      switch (*s) {
        case domain::CallStatus::kBusy:
          e.kind = CallEventKind::kBusy;
          break;
        case domain::CallStatus::kNoAnswer:
          e.kind = CallEventKind::kNoAnswer;
          break;
        case domain::CallStatus::kCanceled:
          e.kind = CallEventKind::kCanceled;
          break;
        case domain::CallStatus::kFailed:
          e.kind = CallEventKind::kFailed;
          break;
        default:
          break;
      }
    }
  }

  auto id = [](std::string_view field, const std::optional<std::string>& value,
               std::string* out) -> Status {
    if (!value) return Status::OK();
    if (Status s = internal::CheckId(field, *value); !s.ok()) return s;
    *out = *value;
    return Status::OK();
  };
  std::string session;
  if (Status s = id("call_id", call_id, &e.call_id); !s.ok()) return s;
  if (Status s = id("session_id", session_id, &session); !s.ok()) return s;
  if (e.call_id.empty()) e.call_id = session;
  if (Status s = id("provider_call_id", provider_call_id, &e.provider_call_id); !s.ok()) return s;
  if (Status s = id("correlation_id", correlation_id, &e.correlation_id); !s.ok()) return s;
  if (e.call_id.empty() && e.provider_call_id.empty()) {
    return Status::InvalidArgument("session_id: missing (or call_id, provider_call_id)");
  }

  if (from) {
    if (Status s = internal::CheckText("from_phone", *from); !s.ok()) return s;
    e.from = *from;
  }
  if (to) {
    if (Status s = internal::CheckText("to_phone", *to); !s.ok()) return s;
    e.to = *to;
  }
  if (direction) {
    if (domain::EqualsIgnoreCase(*direction, "inbound")) {
      e.direction = "inbound";
    } else if (domain::EqualsIgnoreCase(*direction, "outbound")) {
      e.direction = "outbound";
    } else {
      return Status::InvalidArgument("direction: unknown value \"" + *direction + "\"");
    }
    e.raw_direction = *direction;
  }
  if (e.kind == CallEventKind::kInbound) {
    if (e.direction == "outbound") {
      return Status::InvalidArgument("direction: an INBOUND event cannot be outbound");
    }
    e.direction = "inbound";
  }
  if (Status s = internal::ParseOptionalCount("duration_seconds", duration, &e.duration_seconds);
      !s.ok()) {
    return s;
  }
  if (Status s = internal::ParseOptionalCount("sequence", sequence, &e.sequence); !s.ok()) {
    return s;
  }
  if (timestamp) {
    Result<domain::Timestamp> v = domain::ParseTimestamp(*timestamp);
    if (!v.ok()) return Status::InvalidArgument("timestamp: " + v.status().message());
    e.occurred_at = *v;
  }

  if (event_id) {
    if (Status s = internal::CheckId("event_id", *event_id); !s.ok()) return s;
    e.dedup_key = "event_id:" + *event_id;
  } else {
    e.dedup_key = "sha256:" + internal::HexEncode(internal::Sha256(body));
  }
  return e;
}

}  // namespace sb::webhooks
