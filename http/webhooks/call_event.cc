#include "http/webhooks/call_event.h"

namespace sb::webhooks {

const char* KindName(CallEventKind kind) {
  switch (kind) {
    case CallEventKind::kInitiated:
      return "initiated";
    case CallEventKind::kInbound:
      return "inbound";
    case CallEventKind::kRinging:
      return "ringing";
    case CallEventKind::kAnswered:
      return "answered";
    case CallEventKind::kEnded:
      return "ended";
    case CallEventKind::kFailed:
      return "failed";
    case CallEventKind::kBusy:
      return "busy";
    case CallEventKind::kNoAnswer:
      return "no_answer";
    case CallEventKind::kCanceled:
      return "canceled";
  }
  return "failed";
}

bool IsTerminal(CallEventKind kind) { return ProgressRank(kind) == 3; }

int ProgressRank(CallEventKind kind) {
  switch (kind) {
    case CallEventKind::kInitiated:
    case CallEventKind::kInbound:
      return 0;
    case CallEventKind::kRinging:
      return 1;
    case CallEventKind::kAnswered:
      return 2;
    case CallEventKind::kEnded:
    case CallEventKind::kFailed:
    case CallEventKind::kBusy:
    case CallEventKind::kNoAnswer:
    case CallEventKind::kCanceled:
      return 3;
  }
  return 3;
}

int ProgressRank(domain::CallStatus status) {
  switch (status) {
    case domain::CallStatus::kInitiated:
      return 0;
    case domain::CallStatus::kRinging:
      return 1;
    case domain::CallStatus::kConnected:
      return 2;
    default:
      return 3;
  }
}

bool WouldMoveBackwards(CallEventKind current, CallEventKind next) {
  if (IsTerminal(current)) return next != current;
  return ProgressRank(next) < ProgressRank(current);
}

bool WouldMoveBackwards(domain::CallStatus current, CallEventKind next) {
  if (domain::IsTerminal(current)) return ToCallStatus(next) != current;
  return ProgressRank(next) < ProgressRank(current);
}

domain::CallStatus ToCallStatus(CallEventKind kind) {
  switch (kind) {
    case CallEventKind::kInitiated:
    case CallEventKind::kInbound:
      return domain::CallStatus::kInitiated;
    case CallEventKind::kRinging:
      return domain::CallStatus::kRinging;
    case CallEventKind::kAnswered:
      return domain::CallStatus::kConnected;
    case CallEventKind::kEnded:
      return domain::CallStatus::kCompleted;
    case CallEventKind::kFailed:
      return domain::CallStatus::kFailed;
    case CallEventKind::kBusy:
      return domain::CallStatus::kBusy;
    case CallEventKind::kNoAnswer:
      return domain::CallStatus::kNoAnswer;
    case CallEventKind::kCanceled:
      return domain::CallStatus::kCanceled;
  }
  return domain::CallStatus::kFailed;
}

}  // namespace sb::webhooks
