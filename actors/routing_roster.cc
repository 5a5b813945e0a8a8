#include "actors/routing_roster.h"

#include "actors/startup_scan.h"

#include <utility>

#include "domain/agent_decider.h"
#include "domain/call_decider.h"
#include "domain/overloaded.h"
#include "domain/routing/queue_decider.h"

namespace sb::actors {
namespace {

constexpr domain::Timestamp kMicrosPerDay = 86'400LL * domain::kMicrosPerSecond;
// How far into the roster an idle shortlist looks for busy agents to name as skipped.
constexpr size_t kSkippedLookahead = 256;

bool IsFree(const domain::RoutingCandidate& c) {
  return domain::CanTakeWork(c.status) && !c.on_call && !c.has_open_offer;
}

bool IsLoggedIn(const RosterAgent& agent) {
  const auto& s = agent.state;
  return s.exists && s.status != domain::AgentStatus::kOffline && !agent.sent_to_break;
}

// The agent's counters as of `day` (the pool's), zero if it has done nothing that day.
void SetCounters(const RosterAgent& agent, int64_t day, domain::RoutingCandidate* c) {
  c->calls_handled = agent.day == day ? agent.calls_today : 0;
  c->talk_seconds = agent.day == day ? agent.talk_seconds_today : 0;
}

std::string Key(const char* what, const std::string& tenant, const std::string& a,
                const std::string& b = {}) {
  return std::string(what) + "/" + tenant + "/" + a + "/" + b;
}

}  // namespace

void RoutingRoster::Apply(const es::RecordedEvent& e,
                          std::set<std::pair<std::string, std::string>>* dirty,
                          std::vector<FollowUp>* follow_ups) {
  StreamParts parts;
  if (!SplitStreamName(e.stream, &parts)) return;
  if (parts.kind == domain::AgentDecider::kKind) {
    ApplyAgent(parts.tenant, parts.id, e, dirty);
  } else if (parts.kind == domain::QueueDecider::kKind) {
    ApplyQueue(parts.tenant, parts.id, e, dirty, follow_ups);
  } else if (parts.kind == domain::CallDecider::kKind) {
    ApplyCall(parts.tenant, parts.id, e, follow_ups);
  }
}

void RoutingRoster::ApplyAgent(const std::string& tenant, const std::string& id,
                               const es::RecordedEvent& e,
                               std::set<std::pair<std::string, std::string>>* dirty) {
  if (e.type == domain::AgentActivityRecorded::kType) return;  // audit only
  auto event = domain::AgentDecider::DecodeEvent(e.type, e.payload);
  if (!event.ok()) return;
  TenantRoster& t = tenants_[tenant];
  RosterAgent& agent = t.agents[id];
  const int64_t day = e.timestamp_us / kMicrosPerDay;
  if (day != agent.day) {
    agent.day = day;
    agent.calls_today = agent.talk_seconds_today = 0;
  }
  if (const auto* reserved = std::get_if<domain::AgentCallReserved>(&event.value())) {
    agent.call_started_at = reserved->at;
  } else if (const auto* released = std::get_if<domain::AgentCallReleased>(&event.value())) {
    ++agent.calls_today;
    if (agent.call_started_at) {
      agent.talk_seconds_today +=
          (released->at - *agent.call_started_at) / domain::kMicrosPerSecond;
    }
    agent.call_started_at.reset();
    Done(Key("release", tenant, released->call_id));
  }
  if (std::holds_alternative<domain::AgentStatusChanged>(event.value())) {
    agent.sent_to_break = false;
  }
  domain::AgentDecider::EvolveInPlace(agent.state, event.value());
  UpdatePoolEntry(tenant, id, agent);
  changed_agents_[tenant].insert(id);
  // Any change of who can take work may let a queue route, or calls for taking an offer back.
  for (const auto& [queue_id, queue] : t.queues) dirty->emplace(tenant, queue_id);
}

void RoutingRoster::ApplyQueue(const std::string& tenant, const std::string& id,
                               const es::RecordedEvent& e,
                               std::set<std::pair<std::string, std::string>>* dirty,
                               std::vector<FollowUp>* follow_ups) {
  RosterQueue& queue = tenants_[tenant].queues[id];
  if (e.version <= queue.version) return;
  auto event = domain::QueueDecider::DecodeEvent(e.type, e.payload);
  if (!event.ok()) return;
  queue.version = e.version;
  domain::QueueDecider::EvolveInPlace(queue.state, event.value());
  dirty->emplace(tenant, id);
  for (const auto& agent : domain::QueueDecider::AgentsNamedBy(event.value())) {
    UpdateOpenOffer(tenant, agent);
  }
  std::visit(
      domain::Overloaded{
          [&](const domain::TaskAssigned& a) {
            if (a.task.kind != domain::TaskKind::kCall || a.task.call_id.empty()) return;
            Track(Key("assign", tenant, a.task.call_id),
                  ReserveAssignedAgent{tenant, id, a.agent_id, a.offer_id, a.task}, follow_ups);
            tenants_[tenant].agents[a.agent_id].assigning.insert(a.task.call_id);
            UpdateOpenOffer(tenant, a.agent_id);
          },
          [&](const domain::TaskOffered& o) {
            // Offered to an agent who left meanwhile: checked like an agent who changed.
            changed_agents_[tenant].insert(o.agent_ids.begin(), o.agent_ids.end());
          },
          [&](const domain::TaskRequeued& r) { Done(Key("assign", tenant, r.task.call_id)); },
          [&](const domain::TaskMovedToFallback& m) {
            Track(Key("fallback", tenant, m.fallback_queue_id, m.task.task_id),
                  MoveToFallback{tenant, m.fallback_queue_id, m.task}, follow_ups);
          },
          [&](const domain::TaskEnqueued& q) { Done(Key("fallback", tenant, id, q.task.task_id)); },
          [&](const domain::TaskCanceled& c) { Done(Key("cancel", tenant, id, c.task_id)); },
          [&](const domain::OfferExpired& x) {
            for (const auto& miss : x.misses) {
              if (miss.max_no_answer_reached) {
                RosterAgent& agent = tenants_[tenant].agents[miss.agent_id];
                agent.sent_to_break = true;
                UpdatePoolEntry(tenant, miss.agent_id, agent);
                follow_ups->push_back(
                    SendAgentToBreak{tenant, miss.agent_id, miss.consecutive_misses});
              }
            }
          },
          [](const auto&) {},
      },
      event.value());
}

void RoutingRoster::ApplyCall(const std::string& tenant, const std::string& id,
                              const es::RecordedEvent& e, std::vector<FollowUp>* follow_ups) {
  // Only inbound queue calls matter here; most call events are skipped undecoded.
  const bool initiated = e.type == domain::CallInitiated::kType;
  const bool assigned = e.type == domain::CallAgentAssigned::kType;
  const bool ended = e.type == domain::CallEnded::kType;
  if (!initiated && !assigned && !ended) return;
  if (!initiated && queue_calls_.count(e.stream) == 0) return;
  auto event = domain::CallDecider::DecodeEvent(e.type, e.payload);
  if (!event.ok()) return;
  if (const auto* c = std::get_if<domain::CallInitiated>(&event.value())) {
    if (c->direction == domain::CallDirection::kInbound && !c->queue_id.empty()) {
      queue_calls_[e.stream] = {c->queue_id, ""};
    }
    return;
  }
  auto& [queue_id, agent_id] = queue_calls_[e.stream];
  if (const auto* a = std::get_if<domain::CallAgentAssigned>(&event.value())) {
    agent_id = a->agent_id;
    Done(Key("assign", tenant, id));
    return;
  }
  // Ended: a caller still waiting leaves the queue; an assigned call frees its agent.
  Done(Key("assign", tenant, id));
  const RosterQueue* queue = Queue(tenant, queue_id);
  if (agent_id.empty()) {
    if (queue && domain::FindTask(queue->state, id)) {
      Track(Key("cancel", tenant, queue_id, id), CancelEndedTask{tenant, queue_id, id}, follow_ups);
    }
  } else {
    const int64_t wrap_up = queue ? queue->state.config.wrap_up_seconds : 0;
    Track(Key("release", tenant, id), ReleaseQueueCall{tenant, agent_id, id, wrap_up}, follow_ups);
  }
  queue_calls_.erase(e.stream);
}

void RoutingRoster::Track(std::string key, FollowUp follow_up, std::vector<FollowUp>* follow_ups) {
  Done(key);  // one follow-up per key: the newer replaces the older
  follow_ups->push_back(follow_up);
  pending_[std::move(key)] = std::move(follow_up);
}

void RoutingRoster::Done(const std::string& key) {
  auto it = pending_.find(key);
  if (it == pending_.end()) return;
  const FollowUp done = std::move(it->second);
  pending_.erase(it);
  if (const auto* r = std::get_if<ReserveAssignedAgent>(&done)) {
    tenants_[r->tenant].agents[r->agent_id].assigning.erase(r->task.call_id);
    UpdateOpenOffer(r->tenant, r->agent_id);
  }
}

std::vector<FollowUp> RoutingRoster::Pending() const {
  std::vector<FollowUp> out;
  for (const auto& [key, follow_up] : pending_) out.push_back(follow_up);
  return out;
}

const TenantRoster* RoutingRoster::Tenant(const std::string& tenant) const {
  auto it = tenants_.find(tenant);
  return it == tenants_.end() ? nullptr : &it->second;
}

const RosterQueue* RoutingRoster::Queue(const std::string& tenant,
                                        const std::string& queue_id) const {
  const TenantRoster* t = Tenant(tenant);
  if (!t) return nullptr;
  auto it = t->queues.find(queue_id);
  return it == t->queues.end() || !it->second.state.exists ? nullptr : &it->second;
}

std::vector<std::string> RoutingRoster::Tenants() const {
  std::vector<std::string> out;
  for (const auto& [tenant, roster] : tenants_) out.push_back(tenant);
  return out;
}

void RoutingRoster::UpdatePoolEntry(const std::string& tenant, const std::string& agent_id,
                                    const RosterAgent& agent) {
  CandidatePool& pool = pools_[tenant];
  auto at = pool.index.find(agent_id);
  if (at != pool.index.end()) {
    pool.free_by_idle.erase({pool.all[at->second].idle_since, agent_id});
  }
  if (!IsLoggedIn(agent)) {
    if (at == pool.index.end()) return;
    // The last entry takes the leaver's place.
    const size_t position = at->second;
    pool.index.erase(at);
    if (position + 1 != pool.all.size()) {
      pool.all[position] = std::move(pool.all.back());
      pool.agents[position] = pool.agents.back();
      pool.index[pool.all[position].agent_id] = position;
    }
    pool.all.pop_back();
    pool.agents.pop_back();
    return;
  }
  if (at == pool.index.end()) {
    at = pool.index.emplace(agent_id, pool.all.size()).first;
    pool.all.emplace_back().agent_id = agent_id;
    pool.agents.push_back(&agent);
    pool.all.back().has_open_offer = IsHeld(tenant, agent_id);
  }
  // has_open_offer stays as the queues' events set it (UpdateOpenOffer).
  const auto& s = agent.state;
  domain::RoutingCandidate& c = pool.all[at->second];
  c.status = s.status;
  c.skills = s.profile.skills;
  c.on_call = s.OnCall();
  c.wrap_up_until = s.wrap_up_deadline;
  c.chat_load = s.CurrentLoad();
  c.max_chats = s.profile.max_concurrent_chats;
  c.idle_since = s.status_since;
  SetCounters(agent, pool.day, &c);
  if (IsFree(c)) pool.free_by_idle.emplace(c.idle_since, agent_id);
}

bool RoutingRoster::IsHeld(const std::string& tenant, const std::string& agent_id) {
  TenantRoster& t = tenants_[tenant];
  if (auto agent = t.agents.find(agent_id); agent != t.agents.end()) {
    if (!agent->second.assigning.empty()) return true;
  }
  for (const auto& [id, queue] : t.queues) {
    if (queue.state.ringing.count(agent_id) > 0) return true;
  }
  return false;
}

void RoutingRoster::UpdateOpenOffer(const std::string& tenant, const std::string& agent_id) {
  auto pool = pools_.find(tenant);
  if (pool == pools_.end()) return;
  auto at = pool->second.index.find(agent_id);
  if (at == pool->second.index.end()) return;
  auto& candidate = pool->second.all[at->second];
  const bool held = IsHeld(tenant, agent_id);
  if (candidate.has_open_offer == held) return;
  candidate.has_open_offer = held;
  const std::pair<domain::Timestamp, std::string> entry{candidate.idle_since, agent_id};
  if (IsFree(candidate)) {
    pool->second.free_by_idle.insert(entry);
  } else {
    pool->second.free_by_idle.erase(entry);
  }
}

const RoutingRoster::CandidatePool& RoutingRoster::Candidates(const std::string& tenant,
                                                              domain::Timestamp now) {
  CandidatePool& pool = pools_[tenant];
  // The counters change with agent events, which update their entries, or with the day.
  const int64_t today = now / kMicrosPerDay;
  if (pool.day != today) {
    pool.day = today;
    for (size_t i = 0; i < pool.all.size(); ++i) SetCounters(*pool.agents[i], today, &pool.all[i]);
  }
  return pool;
}

std::vector<domain::RoutingCandidate> RoutingRoster::IdleShortlist(
    const CandidatePool& pool, const domain::QueueConfig& config, const domain::QueueTask& task,
    domain::Timestamp now, size_t eligible, size_t skipped) {
  const std::set<std::string>& skills = domain::RequiredSkillsOf(config, task);
  std::vector<domain::RoutingCandidate> out;
  size_t found = 0, passed = 0;
  for (const auto& [idle_since, id] : pool.free_by_idle) {
    if (found >= eligible) break;
    const auto& c = pool.all[pool.index.at(id)];
    if (!domain::IneligibilityOf(c, skills, config.channel, now)) {
      ++found;
    } else if (passed < skipped) {
      ++passed;  // free, but without a skill, in wrap-up or at chat capacity
    } else {
      continue;
    }
    out.push_back(c);
  }
  // The busy ones the decision names as skipped (none of them met above, which saw only free
  // agents): a bounded look at the front of the roster.
  for (size_t i = 0; i < pool.all.size() && i < kSkippedLookahead && passed < skipped; ++i) {
    if (IsFree(pool.all[i])) continue;
    out.push_back(pool.all[i]);
    ++passed;
  }
  return out;
}

}  // namespace sb::actors
