#include "domain/routing/queue_history.h"

#include "domain/routing/enum_names.h"

namespace sb::domain {
namespace {

constexpr enum_names::Entry<OfferOutcome> kOfferOutcomes[] = {
    {OfferOutcome::kAccepted, "accepted"}, {OfferOutcome::kRejected, "rejected"},
    {OfferOutcome::kExpired, "expired"},   {OfferOutcome::kWithdrawn, "withdrawn"},
    {OfferOutcome::kCanceled, "canceled"},
};

constexpr enum_names::Entry<TaskOutcome> kTaskOutcomes[] = {
    {TaskOutcome::kAssigned, "assigned"},
    {TaskOutcome::kCanceled, "canceled"},
    {TaskOutcome::kMoved, "moved"},
};

}  // namespace

const char* ToString(OfferOutcome outcome) { return enum_names::NameOf(kOfferOutcomes, outcome); }

std::optional<OfferOutcome> ParseOfferOutcome(std::string_view text) {
  return enum_names::Parse(kOfferOutcomes, text);
}

const char* ToString(TaskOutcome outcome) { return enum_names::NameOf(kTaskOutcomes, outcome); }

std::optional<TaskOutcome> ParseTaskOutcome(std::string_view text) {
  return enum_names::Parse(kTaskOutcomes, text);
}

}  // namespace sb::domain
