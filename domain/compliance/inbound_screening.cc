#include "domain/compliance/inbound_screening.h"

namespace sb::domain {

InboundScreening ScreenInbound(const CallingPolicyState& state, const std::string& caller_number) {
  InboundScreening screening;
  const ListedNumber* listed = FindListedNumber(state, caller_number);
  if (listed == nullptr) return screening;
  screening.list = listed->list;
  switch (listed->list) {
    case NumberList::kBlock:
    case NumberList::kSpam:
      screening.action = InboundAction::kReject;
      break;
    case NumberList::kVip:
      screening.priority_boost = state.settings.vip_priority_boost;
      break;
    case NumberList::kAllow:
      break;
  }
  return screening;
}

}  // namespace sb::domain
