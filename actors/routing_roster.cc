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
  agent.state = domain::AgentDecider::Evolve(std::move(agent.state), event.value());
  pools_.erase(tenant);
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
  queue.state = domain::QueueDecider::Evolve(std::move(queue.state), event.value());
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
                tenants_[tenant].agents[miss.agent_id].sent_to_break = true;
                pools_.erase(tenant);
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
  follow_ups->push_back(follow_up);
  pending_[std::move(key)] = std::move(follow_up);
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

void RoutingRoster::UpdateOpenOffer(const std::string& tenant, const std::string& agent_id) {
  auto pool = pools_.find(tenant);
  if (pool == pools_.end()) return;  // built afresh, offers included, when next asked for
  auto at = pool->second.index.find(agent_id);
  if (at == pool->second.index.end()) return;
  bool ringing = false;
  for (const auto& [id, queue] : tenants_[tenant].queues) {
    ringing = ringing || queue.state.ringing.count(agent_id) > 0;
  }
  auto& candidate = pool->second.all[at->second];
  if (candidate.has_open_offer == ringing) return;
  candidate.has_open_offer = ringing;
  const std::pair<domain::Timestamp, size_t> entry{candidate.idle_since, at->second};
  if (IsFree(candidate)) {
    pool->second.free_by_idle.insert(entry);
  } else {
    pool->second.free_by_idle.erase(entry);
  }
}

const RoutingRoster::CandidatePool& RoutingRoster::Candidates(const std::string& tenant,
                                                              domain::Timestamp now) {
  CandidatePool& pool = pools_[tenant];
  const TenantRoster* t = Tenant(tenant);
  if (!t) return pool;
  if (pool.index.empty() && pool.all.empty()) {
    for (const auto& [id, agent] : t->agents) {
      const auto& s = agent.state;
      if (!s.exists || s.status == domain::AgentStatus::kOffline || agent.sent_to_break) continue;
      domain::RoutingCandidate c;
      c.agent_id = id;
      c.status = s.status;
      c.skills = s.profile.skills;
      c.on_call = s.OnCall();
      c.wrap_up_until = s.wrap_up_deadline;
      c.chat_load = s.CurrentLoad();
      c.max_chats = s.profile.max_concurrent_chats;
      c.idle_since = s.status_since;
      pool.index.emplace(id, pool.all.size());
      pool.all.push_back(std::move(c));
      pool.agents.push_back(&agent);
    }
    // Later, queue events keep has_open_offer up to date (UpdateOpenOffer).
    for (const auto& [id, queue] : t->queues) {
      for (const auto& [agent, offer_id] : queue.state.ringing) {
        if (auto it = pool.index.find(agent); it != pool.index.end()) {
          pool.all[it->second].has_open_offer = true;
        }
      }
    }
    for (size_t i = 0; i < pool.all.size(); ++i) {
      if (IsFree(pool.all[i])) pool.free_by_idle.emplace(pool.all[i].idle_since, i);
    }
    pool.day = -1;
  }
  // The counters change with agent events, which rebuild the pool, or with the day.
  const int64_t today = now / kMicrosPerDay;
  if (pool.day != today) {
    pool.day = today;
    for (size_t i = 0; i < pool.all.size(); ++i) {
      const RosterAgent& agent = *pool.agents[i];
      pool.all[i].calls_handled = agent.day == today ? agent.calls_today : 0;
      pool.all[i].talk_seconds = agent.day == today ? agent.talk_seconds_today : 0;
    }
  }
  return pool;
}

std::vector<domain::RoutingCandidate> RoutingRoster::IdleShortlist(
    const CandidatePool& pool, const domain::QueueConfig& config, const domain::QueueTask& task,
    domain::Timestamp now, size_t eligible, size_t skipped) {
  const std::set<std::string>& skills = domain::RequiredSkillsOf(config, task);
  std::vector<domain::RoutingCandidate> out;
  size_t found = 0, passed = 0;
  for (const auto& [idle_since, i] : pool.free_by_idle) {
    if (found >= eligible) break;
    const auto& c = pool.all[i];
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
