#include "domain/call_status.h"

#include "domain/ascii.h"

namespace sb::domain {
namespace {

constexpr CallStatus kAll[] = {
    CallStatus::kInitiated, CallStatus::kRinging,  CallStatus::kConnected, CallStatus::kCompleted,
    CallStatus::kRejected,  CallStatus::kCanceled, CallStatus::kNoAnswer,  CallStatus::kBusy,
    CallStatus::kFailed,    CallStatus::kTimeout,
};

}  // namespace

const char* ToString(CallStatus status) {
  switch (status) {
    case CallStatus::kInitiated:
      return "INITIATED";
    case CallStatus::kRinging:
      return "RINGING";
    case CallStatus::kConnected:
      return "CONNECTED";
    case CallStatus::kCompleted:
      return "COMPLETED";
    case CallStatus::kRejected:
      return "REJECTED";
    case CallStatus::kCanceled:
      return "CANCELED";
    case CallStatus::kNoAnswer:
      return "NO_ANSWER";
    case CallStatus::kBusy:
      return "BUSY";
    case CallStatus::kFailed:
      return "FAILED";
    case CallStatus::kTimeout:
      return "TIMEOUT";
  }
  return "FAILED";
}

std::optional<CallStatus> ParseCallStatus(std::string_view text) {
  for (CallStatus s : kAll) {
    if (EqualsIgnoreCase(text, ToString(s))) return s;
  }
  return std::nullopt;
}

bool IsTerminal(CallStatus status) {
  return status != CallStatus::kInitiated && status != CallStatus::kRinging &&
         status != CallStatus::kConnected;
}

bool IsPreAnswer(CallStatus status) {
  return status == CallStatus::kInitiated || status == CallStatus::kRinging;
}

bool IsLegalTransition(CallStatus from, CallStatus to) {
  if (from == to) return false;
  switch (from) {
    case CallStatus::kInitiated:
      return to != CallStatus::kCompleted;
    case CallStatus::kRinging:
      return to != CallStatus::kInitiated && to != CallStatus::kCompleted;
    case CallStatus::kConnected:
      return to == CallStatus::kCompleted || to == CallStatus::kFailed;
    default:
      return false;
  }
}

}  // namespace sb::domain
