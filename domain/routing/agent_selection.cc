#include "domain/routing/agent_selection.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace sb::domain {
namespace {

SkipReason ReasonForStatus(AgentStatus status) {
  switch (status) {
    case AgentStatus::kOffline:
      return SkipReason::kOffline;
    case AgentStatus::kAway:
      return SkipReason::kAway;
    case AgentStatus::kBreak:
      return SkipReason::kOnBreak;
    case AgentStatus::kOnCall:
      return SkipReason::kOnCall;
    case AgentStatus::kWrapUp:
      return SkipReason::kWrapUp;
    case AgentStatus::kOnline:
      break;  // CanTakeWork; never asked
  }
  return SkipReason::kOffline;
}

// Rotates `ranked` (sorted by id) so that it starts at index `first`.
void RotateTo(std::vector<const RoutingCandidate*>* ranked, size_t first) {
  std::rotate(ranked->begin(), ranked->begin() + static_cast<std::ptrdiff_t>(first), ranked->end());
}

bool ById(const RoutingCandidate* a, const RoutingCandidate* b) {
  return a->agent_id < b->agent_id;
}

// Orders the first `limit` of `ranked` by `key`, ties by id; the rest stay unordered.
template <class Key>
void PartialSortBy(std::vector<const RoutingCandidate*>* ranked, size_t limit, Key key) {
  std::partial_sort(ranked->begin(), ranked->begin() + static_cast<std::ptrdiff_t>(limit),
                    ranked->end(), [&](const RoutingCandidate* a, const RoutingCandidate* b) {
                      const auto ka = key(a), kb = key(b);
                      return ka != kb ? ka < kb : a->agent_id < b->agent_id;
                    });
}

// Ranks the first `limit` of `ranked`, which comes sorted by id: the tie-break of every key,
// and the base order of the rotations.
void Rank(RoutingStrategy strategy, const std::string& cursor, uint64_t random_value, size_t limit,
          std::vector<const RoutingCandidate*>* ranked) {
  if (ranked->empty()) return;
  switch (strategy) {
    case RoutingStrategy::kLongestIdle:
    case RoutingStrategy::kRingAll:
      return PartialSortBy(ranked, limit, [](auto* c) { return c->idle_since; });
    case RoutingStrategy::kFewestCalls:
      return PartialSortBy(ranked, limit, [](auto* c) { return c->calls_handled; });
    case RoutingStrategy::kLeastTalkTime:
      return PartialSortBy(ranked, limit, [](auto* c) { return c->talk_seconds; });
    case RoutingStrategy::kRoundRobin: {
      auto next = std::find_if(ranked->begin(), ranked->end(),
                               [&](auto* c) { return c->agent_id > cursor; });
      RotateTo(ranked, next == ranked->end() ? 0 : static_cast<size_t>(next - ranked->begin()));
      return;
    }
    case RoutingStrategy::kRandom:
      RotateTo(ranked, static_cast<size_t>(random_value % ranked->size()));
      return;
  }
}

}  // namespace

std::optional<SkipReason> IneligibilityOf(const RoutingCandidate& c,
                                          const std::set<std::string>& required_skills,
                                          QueueChannel channel, Timestamp now) {
  for (const std::string& skill : required_skills) {
    if (c.skills.count(skill) == 0) return SkipReason::kMissingSkill;
  }
  if (!CanTakeWork(c.status)) return ReasonForStatus(c.status);
  if (c.on_call) return SkipReason::kOnCall;
  if (c.wrap_up_until && *c.wrap_up_until > now) return SkipReason::kWrapUp;
  if (c.has_open_offer) return SkipReason::kHasOpenOffer;
  if (channel == QueueChannel::kChat && c.chat_load >= c.max_chats) {
    return SkipReason::kAtCapacity;
  }
  return std::nullopt;
}

RoutingChoice SelectAgents(const QueueConfig& config, const QueueTask& task, Timestamp now,
                           const std::vector<RoutingCandidate>& candidates,
                           const std::string& round_robin_cursor, uint64_t random_value,
                           size_t limit) {
  RoutingChoice choice;
  choice.strategy = config.strategy;
  choice.next_cursor = round_robin_cursor;
  const std::set<std::string>& skills = RequiredSkillsOf(config, task);

  // By id, the first of duplicates kept. The router passes its whole roster, already in id
  // order: then this costs one pass instead of a sort of thousands of strings per decision.
  std::vector<const RoutingCandidate*> by_id;
  by_id.reserve(candidates.size());
  for (const RoutingCandidate& c : candidates) by_id.push_back(&c);
  if (!std::is_sorted(by_id.begin(), by_id.end(), ById)) {
    std::stable_sort(by_id.begin(), by_id.end(), ById);
  }
  std::vector<const RoutingCandidate*> ranked;
  const RoutingCandidate* previous = nullptr;
  for (const RoutingCandidate* c : by_id) {
    if (previous && previous->agent_id == c->agent_id) continue;
    previous = c;
    if (std::optional<SkipReason> reason = IneligibilityOf(*c, skills, config.channel, now)) {
      if (choice.skipped.size() < limit)
        choice.skipped.push_back(SkippedAgent{c->agent_id, *reason});
    } else {
      ranked.push_back(c);
    }
  }

  const size_t listed = std::min(limit, ranked.size());
  Rank(config.strategy, round_robin_cursor, random_value, listed, &ranked);
  for (size_t i = 0; i < listed; ++i) choice.eligible.push_back(ranked[i]->agent_id);
  if (choice.eligible.empty()) return choice;

  if (config.strategy == RoutingStrategy::kRingAll) {
    choice.chosen = choice.eligible;
  } else {
    choice.chosen = {choice.eligible.front()};
  }
  if (config.strategy == RoutingStrategy::kRoundRobin) choice.next_cursor = choice.chosen.front();
  return choice;
}

}  // namespace sb::domain
