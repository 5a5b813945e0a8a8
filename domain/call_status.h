// The life of a call and the only ways it may move.
#ifndef SWITCHBOARD_DOMAIN_CALL_STATUS_H_
#define SWITCHBOARD_DOMAIN_CALL_STATUS_H_

#include <optional>
#include <string_view>

namespace sb::domain {

//   INITIATED -> RINGING -> CONNECTED -> COMPLETED
//   INITIATED | RINGING -> REJECTED, CANCELED, NO_ANSWER, BUSY, FAILED, TIMEOUT
//   INITIATED -> CONNECTED   (providers and consoles may answer before reporting ringing)
//   CONNECTED -> FAILED      (the media dropped; a normal hang-up is COMPLETED)
// COMPLETED and the six failure states are terminal: nothing leaves them.
enum class CallStatus {
  kInitiated,
  kRinging,
  kConnected,
  kCompleted,
  kRejected,
  kCanceled,
  kNoAnswer,
  kBusy,
  kFailed,
  kTimeout,
};

// "INITIATED", "RINGING", "CONNECTED", "COMPLETED", "REJECTED", "CANCELED", "NO_ANSWER",
// "BUSY", "FAILED", "TIMEOUT" (seed 001 spelling).
const char* ToString(CallStatus status);
// The spellings above, case-insensitively ("connected" from a form is accepted).
std::optional<CallStatus> ParseCallStatus(std::string_view text);

bool IsTerminal(CallStatus status);
// Not answered yet: INITIATED or RINGING (the only states a ring deadline applies to).
bool IsPreAnswer(CallStatus status);
// Whether `from -> to` is one of the arrows above. A status to itself is not a transition.
bool IsLegalTransition(CallStatus from, CallStatus to);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_CALL_STATUS_H_
