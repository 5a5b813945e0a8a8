#include "http/webhooks/twilio_events.h"

#include <optional>
#include <string>

#include "domain/ascii.h"
#include "http/webhooks/normalize_util.h"

namespace sb::webhooks {
namespace {

using internal::FieldLookup;

struct StatusWord {
  const char* word;
  CallEventKind kind;
};

constexpr StatusWord kStatuses[] = {
    {"queued", CallEventKind::kInitiated},   {"initiated", CallEventKind::kInitiated},
    {"ringing", CallEventKind::kRinging},    {"in-progress", CallEventKind::kAnswered},
    {"completed", CallEventKind::kEnded},    {"busy", CallEventKind::kBusy},
    {"no-answer", CallEventKind::kNoAnswer}, {"canceled", CallEventKind::kCanceled},
    {"failed", CallEventKind::kFailed},
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = domain::AsciiLower(c);
  return out;
}

Result<ProviderCallEvent> Normalize(TwilioWebhook route, const FieldLookup& get) {
  ProviderCallEvent e;
  e.provider = kTwilioProvider;

  // Reads an optional text field into `out`; after the first error, `status` keeps it and
  // later reads do nothing.
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
  std::optional<std::string> call_sid, call_status, account_sid, from, to, direction, parent,
      duration, sequence, timestamp;
  read("CallSid", &call_sid);
  read("CallStatus", &call_status);
  read("AccountSid", &account_sid);
  read("From", &from);
  read("To", &to);
  read("Direction", &direction);
  read("ParentCallSid", &parent);
  read("CallDuration", &duration);
  read("SequenceNumber", &sequence);
  read("Timestamp", &timestamp);
  if (!status.ok()) return status;

  if (!call_sid) return Status::InvalidArgument("CallSid: missing");
  if (Status s = internal::CheckId("CallSid", *call_sid); !s.ok()) return s;
  e.provider_call_id = *call_sid;
  if (!call_status) return Status::InvalidArgument("CallStatus: missing");
  e.raw_status = *call_status;
  const std::string status_word = Lower(*call_status);
  bool known = false;
  for (const StatusWord& s : kStatuses) {
    if (status_word == s.word) {
      e.kind = s.kind;
      known = true;
    }
  }
  if (!known) {
    return Status::InvalidArgument("CallStatus: unknown value \"" + *call_status + "\"");
  }

  if (account_sid) {
    if (Status s = internal::CheckId("AccountSid", *account_sid); !s.ok()) return s;
    e.account_sid = *account_sid;
  }
  if (parent && !parent->empty()) {
    if (Status s = internal::CheckId("ParentCallSid", *parent); !s.ok()) return s;
    e.parent_call_id = *parent;
  }
  if (from) {
    if (Status s = internal::CheckText("From", *from); !s.ok()) return s;
    e.from = *from;
  }
  if (to) {
    if (Status s = internal::CheckText("To", *to); !s.ok()) return s;
    e.to = *to;
  }
  if (direction) {
    if (Status s = internal::CheckText("Direction", *direction); !s.ok()) return s;
    e.raw_direction = *direction;
    const std::string d = Lower(*direction);
    if (d == "inbound") {
      e.direction = "inbound";
    } else if (d.rfind("outbound", 0) == 0) {
      e.direction = "outbound";
    }
  }
  if (Status s = internal::ParseOptionalCount("CallDuration", duration, &e.duration_seconds);
      !s.ok()) {
    return s;
  }
  if (Status s = internal::ParseOptionalCount("SequenceNumber", sequence, &e.sequence); !s.ok()) {
    return s;
  }
  if (timestamp) {
    Result<domain::Timestamp> v = internal::ParseRfc2822("Timestamp", *timestamp);
    if (!v.ok()) return v.status();
    e.occurred_at = *v;
  }

  const bool pre_answer = e.kind == CallEventKind::kInitiated || e.kind == CallEventKind::kRinging;
  if (route == TwilioWebhook::kIncoming && pre_answer &&
      (e.raw_direction.empty() || e.direction == "inbound")) {
    if (!from || domain::IsBlank(*from)) return Status::InvalidArgument("From: missing");
    e.kind = CallEventKind::kInbound;
    e.direction = "inbound";
    e.dedup_key = e.provider_call_id + "/inbound";
    return e;
  }
  e.dedup_key = e.provider_call_id + "/" + status_word;
  if (e.sequence) e.dedup_key += "/" + std::to_string(*e.sequence);
  return e;
}

}  // namespace

Result<ProviderCallEvent> NormalizeTwilioForm(TwilioWebhook route, const FormParams& params) {
  return Normalize(route, internal::FormLookup(params));
}

Result<ProviderCallEvent> NormalizeTwilioJson(TwilioWebhook route, std::string_view body) {
  Result<boost::json::object> object = internal::ParseBodyObject(body);
  if (!object.ok()) return object.status();
  return Normalize(route, internal::JsonLookup(*object));
}

}  // namespace sb::webhooks
