#include "actors/router.h"

#include <pthread.h>
#include <chrono>
#include <utility>

#include "domain/agent_decider.h"
#include "domain/call_decider.h"
#include "domain/overloaded.h"
#include "domain/routing/queue_decider.h"
#include "eventstore/subscription.h"

namespace sb::actors {
namespace {

using domain::AgentDecider;
using domain::CallDecider;
using domain::QueueDecider;

constexpr size_t kBatch = 1024;
constexpr size_t kOfferIdSuffix = 37;  // "." + a 36-character UUID
constexpr size_t kMaxWithdrawnMemory = 10'000;

domain::Timestamp NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

template <class D>
EntityCommand<D> SystemCommand(const std::string& tenant, const std::string& id,
                               typename D::Command command, const std::string& correlation) {
  EntityCommand<D> c;
  c.key = EntityKey{tenant, id};
  c.command = std::move(command);
  c.meta.actor = "system:router";
  c.meta.correlation_id = correlation;
  c.reply_with_state = false;  // the router reads outcomes; it folds states from the log
  return c;
}

template <class D>
void Ignore(Result<EntityReply<D>>) {}

bool Free(const domain::AgentState& s) { return domain::CanTakeWork(s.status) && !s.OnCall(); }

// A tenant with more logged-in agents than this has its offers decided over a shortlist (see
// PreSelect), so that one decision, and its record in the log, stays small.
constexpr size_t kMaxConsidered = 48;
constexpr size_t kShortlistEligible = 24;
constexpr size_t kShortlistSkipped = 24;
constexpr size_t kPreSelectTasks = 8;
// Offers a queue may have in flight at once; the queue decides them in one batch (see the
// entity actor), so a busy queue pays one durable write for many offers.
constexpr size_t kMaxOffersInFlight = 32;

// An offer the router is about to ask for: the task (empty: the queue's first routable one)
// and the agents it is decided over.
struct PlannedOffer {
  std::string task_id;
  std::vector<domain::RoutingCandidate> candidates;
};

// Some of the best-ranked eligible agents from `first_eligible` on, and some of those skipped
// (with their reasons): what one offer of a large tenant is decided over.
std::vector<domain::RoutingCandidate> Shortlist(const RoutingRoster::CandidatePool& pool,
                                                const domain::RoutingChoice& ranking,
                                                size_t first_eligible) {
  std::vector<domain::RoutingCandidate> out;
  for (size_t i = first_eligible;
       i < ranking.eligible.size() && i < first_eligible + kShortlistEligible; ++i) {
    out.push_back(pool.all[pool.index.at(ranking.eligible[i])]);
  }
  for (size_t i = 0; i < ranking.skipped.size() && i < kShortlistSkipped; ++i) {
    out.push_back(pool.all[pool.index.at(ranking.skipped[i].agent_id)]);
  }
  return out;
}

// For a large tenant: up to `slots` waiting tasks (not already being offered), each with a
// shortlist — the best-ranked eligible agents by the queue's own strategy
// (domain::SelectAgents, the function the queue decides with, so its first choice is the same)
// and some of those skipped, with their reasons. Consecutive tasks with the same skill needs
// share one ranking, each starting further down it, so the offers go to different agents.
std::vector<PlannedOffer> PreSelect(const domain::QueueState& queue,
                                    const RoutingRoster::CandidatePool& pool,
                                    const std::set<std::string>& in_flight, domain::Timestamp now,
                                    size_t slots) {
  std::vector<PlannedOffer> out;
  std::optional<domain::RoutingChoice> ranking;
  const std::set<std::string>* ranked_skills = nullptr;
  size_t used = 0, tried = 0;
  domain::ForEachWaiting(queue, [&](const domain::QueueTask& task) {
    if (out.size() >= slots || tried >= kPreSelectTasks + slots) return false;
    if (in_flight.count(task.task_id)) return true;
    ++tried;
    const auto& skills = domain::RequiredSkillsOf(queue.config, task);
    if (!ranking || ranked_skills == nullptr || *ranked_skills != skills) {
      ranking = domain::SelectAgents(queue.config, task, now, pool.all, queue.round_robin_cursor, 0,
                                     kShortlistEligible + kShortlistSkipped + slots);
      ranked_skills = &skills;
      used = 0;
    }
    if (used >= ranking->eligible.size()) return true;
    out.push_back({task.task_id, Shortlist(pool, *ranking, used)});
    ++used;
    return true;
  });
  return out;
}

}  // namespace

std::string Router::NewOfferId(const std::string& queue_id) {
  return queue_id + "." + es::ToString(es::NewEventId());
}

std::optional<std::string> Router::QueueOfOffer(const std::string& offer_id) {
  if (offer_id.size() <= kOfferIdSuffix || offer_id[offer_id.size() - kOfferIdSuffix] != '.') {
    return std::nullopt;
  }
  return offer_id.substr(0, offer_id.size() - kOfferIdSuffix);
}

Result<std::unique_ptr<Router>> Router::Start(es::EventStore* store, Runtime* runtime) {
  std::unique_ptr<Router> router(new Router(store, runtime));
  Router* r = router.get();
  r->feed_ = store->Subscribe(1, {}, [wake = r->wake_] {
    std::lock_guard lock(wake->mu);
    wake->log_ready = true;
    wake->cv.notify_one();
  });
  // Catch up without acting: what is still to do is what the roster keeps pending.
  std::set<QueueKey> dirty;
  std::vector<FollowUp> ignored;
  const uint64_t end = store->LastPosition();
  while (r->feed_->next_position() <= end) {
    auto events = r->feed_->Next(kBatch);
    if (!events.ok()) return events.status();
    if (events->empty()) break;
    r->Fold(*events, &dirty, &ignored);
  }
  std::vector<FollowUp> pending;
  {
    std::lock_guard lock(r->roster_mu_);
    pending = r->roster_.Pending();
  }
  for (const auto& f : pending) r->Issue(f);
  {
    std::lock_guard lock(r->roster_mu_);
    r->roster_.TakeChangedAgents();  // all are checked once now
    for (const auto& tenant : r->roster_.Tenants()) r->TakeBackOffers(tenant, nullptr);
  }
  for (const auto& q : dirty) r->Kick(q);
  r->thread_ = std::thread([r] {
    pthread_setname_np(pthread_self(), "sb-router");
    r->Run();
  });
  return router;
}

Router::Router(es::EventStore* store, Runtime* runtime)
    : store_(store), runtime_(runtime), random_(std::random_device{}()) {}

Router::~Router() {
  {
    std::lock_guard lock(wake_->mu);
    wake_->stopping = true;
  }
  wake_->cv.notify_one();
  if (thread_.joinable()) thread_.join();
  if (feed_) feed_->Close();
}

void Router::Fold(const std::vector<es::RecordedEvent>& events, std::set<QueueKey>* dirty,
                  std::vector<FollowUp>* follow_ups) {
  {
    std::lock_guard lock(roster_mu_);
    for (const auto& e : events) roster_.Apply(e, dirty, follow_ups);
    if (!events.empty()) folded_ = events.back().position;
  }
  folded_cv_.notify_all();
}

bool Router::WaitFolded(uint64_t position, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(roster_mu_);
  return folded_cv_.wait_for(lock, timeout, [&] { return folded_ >= position; });
}

uint64_t Router::FoldedPosition() const {
  std::lock_guard lock(roster_mu_);
  return folded_;
}

void Router::Run() {
  for (;;) {
    std::deque<OfferDone> done;
    {
      Wake& w = *wake_;
      std::unique_lock lock(w.mu);
      w.cv.wait_for(lock, std::chrono::milliseconds(500),
                    [&w] { return w.stopping || w.log_ready || !w.done.empty(); });
      if (w.stopping) return;
      w.log_ready = false;
      done.swap(w.done);
    }
    std::set<QueueKey> dirty;
    std::vector<FollowUp> follow_ups;
    for (;;) {
      auto events = feed_->Next(kBatch);
      if (!events.ok()) return;  // the log closed
      if (events->empty()) break;
      Fold(*events, &dirty, &follow_ups);
    }
    for (const auto& d : done) {
      auto& flight = offering_[d.queue];
      --flight.count;
      flight.tasks.erase(d.task_id);
      if (d.offered) dirty.insert(d.queue);  // there may be more to route
    }
    for (const auto& f : follow_ups) Issue(f);
    {
      std::lock_guard lock(roster_mu_);
      for (const auto& [tenant, agents] : roster_.TakeChangedAgents()) {
        TakeBackOffers(tenant, &agents);
      }
    }
    for (const auto& q : dirty) Kick(q);
  }
}

void Router::TakeBackOffers(const std::string& tenant, const std::set<std::string>* agents) {
  const TenantRoster* roster = roster_.Tenant(tenant);
  if (!roster) return;
  if (withdrawn_.size() > kMaxWithdrawnMemory) withdrawn_.clear();
  auto take_back = [&](const std::string& queue_id, const domain::QueueState& queue,
                       const std::string& agent_id, const std::string& offer_id) {
    auto a = roster->agents.find(agent_id);
    if (a != roster->agents.end() && Free(a->second.state)) return;
    if (!withdrawn_.emplace(offer_id, agent_id).second) return;
    const domain::QueueOffer* offer = domain::FindOffer(queue, offer_id);
    runtime_->Ask<QueueDecider>(
        SystemCommand<QueueDecider>(tenant, queue_id,
                                    domain::WithdrawAgentOffers{agent_id, "agent_unavailable"},
                                    offer ? offer->task_id : ""),
        Ignore<QueueDecider>);
  };
  for (const auto& [queue_id, queue] : roster->queues) {
    if (agents == nullptr) {
      for (const auto& [agent_id, offer_id] : queue.state.ringing) {
        take_back(queue_id, queue.state, agent_id, offer_id);
      }
      continue;
    }
    for (const auto& agent_id : *agents) {
      auto ringing = queue.state.ringing.find(agent_id);
      if (ringing != queue.state.ringing.end()) {
        take_back(queue_id, queue.state, agent_id, ringing->second);
      }
    }
  }
}

void Router::Kick(const QueueKey& key) {
  auto& flight = offering_[key];
  if (flight.count >= kMaxOffersInFlight) return;  // their answers will kick it again
  const auto& [tenant, queue_id] = key;
  const domain::Timestamp now = NowMicros();
  std::vector<PlannedOffer> plans;
  {
    std::lock_guard lock(roster_mu_);
    const RosterQueue* queue = roster_.Queue(tenant, queue_id);
    const TenantRoster* roster = roster_.Tenant(tenant);
    if (!queue || !roster) return;
    const size_t waiting = queue->state.waiting.size();
    if (waiting <= flight.count) return;
    const size_t slots = std::min(waiting - flight.count, kMaxOffersInFlight - flight.count);
    const auto& pool = roster_.Candidates(tenant, now);
    const size_t free = pool.free_by_idle.size();
    if (free <= flight.count) return;  // the offers in flight may take them all
    if (pool.all.size() <= kMaxConsidered) {
      // A small tenant: the queue picks its first routable task each time, decided in order
      // against the offers before it.
      for (size_t i = 0; i < slots && i < free - flight.count; ++i) plans.push_back({"", pool.all});
    } else {
      plans = PreSelect(queue->state, pool, flight.tasks, now, slots);
    }
  }
  for (auto& plan : plans) {
    ++flight.count;
    if (!plan.task_id.empty()) flight.tasks.insert(plan.task_id);
    domain::OfferTask offer;
    offer.offer_id = NewOfferId(queue_id);
    offer.task_id = plan.task_id;
    offer.candidates = std::move(plan.candidates);
    offer.random_value = random_();
    runtime_->Ask<QueueDecider>(
        SystemCommand<QueueDecider>(tenant, queue_id, std::move(offer), ""),
        [wake = wake_, key, task_id = plan.task_id](Result<EntityReply<QueueDecider>> reply) {
          const bool offered = reply.ok() && reply.value().ok() && !reply.value().events.empty();
          std::lock_guard lock(wake->mu);
          wake->done.push_back({key, task_id, offered});
          wake->cv.notify_one();
        });
  }
}

std::optional<std::vector<domain::RoutingCandidate>> Router::ShortlistFor(
    const std::string& tenant, const std::string& queue_id, const domain::QueueTask& task) {
  std::lock_guard lock(roster_mu_);
  const RosterQueue* queue = roster_.Queue(tenant, queue_id);
  if (!queue) return std::nullopt;
  const domain::Timestamp now = NowMicros();
  const auto& pool = roster_.Candidates(tenant, now);
  if (pool.all.size() <= kMaxConsidered) return pool.all;
  const auto strategy = queue->state.config.strategy;
  if (strategy == domain::RoutingStrategy::kLongestIdle ||
      strategy == domain::RoutingStrategy::kRingAll) {
    return RoutingRoster::IdleShortlist(pool, queue->state.config, task, now, kShortlistEligible,
                                        kShortlistSkipped);
  }
  const auto ranking = domain::SelectAgents(queue->state.config, task, now, pool.all,
                                            queue->state.round_robin_cursor, 0,
                                            kShortlistEligible + kShortlistSkipped);
  return Shortlist(pool, ranking, 0);
}

void Router::Issue(const FollowUp& follow_up) {
  Runtime* runtime = runtime_;
  std::visit(
      domain::Overloaded{
          [runtime](const ReserveAssignedAgent& r) {
            const std::string call_id = r.task.call_id;
            auto reserve = SystemCommand<AgentDecider>(
                r.tenant, r.agent_id, domain::ReserveAgentForCall{call_id}, call_id);
            reserve.reply_with_state = true;  // the agent's name goes into the assignment
            runtime->Ask<AgentDecider>(
                std::move(reserve),
                [runtime, r, call_id](Result<EntityReply<AgentDecider>> reserved) {
                  if (!reserved.ok() || !reserved.value().status.ok()) return;  // retried later
                  if (reserved.value().rejection) {
                    const std::string why =
                        "agent_unavailable: " + reserved.value().rejection->code;
                    runtime->Ask<QueueDecider>(
                        SystemCommand<QueueDecider>(r.tenant, r.queue_id,
                                                    domain::RequeueTask{r.task.task_id, why},
                                                    call_id),
                        Ignore<QueueDecider>);
                    return;
                  }
                  const std::string name = reserved.value().state.profile.name;
                  runtime->Ask<CallDecider>(
                      SystemCommand<CallDecider>(
                          r.tenant, call_id, domain::AssignCallAgent{r.agent_id, name}, call_id),
                      [runtime, r, call_id](Result<EntityReply<CallDecider>> assigned) {
                        if (!assigned.ok() || !assigned.value().rejection) return;
                        // The caller is gone: the agent was reserved for nothing.
                        runtime->Ask<AgentDecider>(
                            SystemCommand<AgentDecider>(r.tenant, r.agent_id,
                                                        domain::ReleaseAgentCall{call_id, 0},
                                                        call_id),
                            Ignore<AgentDecider>);
                      });
                });
          },
          [runtime](const MoveToFallback& m) {
            domain::EnqueueTask enqueue;
            enqueue.task_id = m.task.task_id;
            enqueue.kind = m.task.kind;
            enqueue.call_id = m.task.call_id;
            enqueue.caller_number = m.task.caller_number;
            enqueue.customer_name = m.task.customer_name;
            enqueue.customer_email = m.task.customer_email;
            enqueue.priority = m.task.priority;
            enqueue.at = m.task.waiting_since;  // the caller keeps their place by age
            runtime->Ask<QueueDecider>(
                SystemCommand<QueueDecider>(m.tenant, m.fallback_queue_id, std::move(enqueue),
                                            m.task.call_id),
                Ignore<QueueDecider>);
          },
          [runtime](const CancelEndedTask& c) {
            runtime->Ask<QueueDecider>(
                SystemCommand<QueueDecider>(c.tenant, c.queue_id,
                                            domain::CancelTask{c.task_id, "caller_hung_up"},
                                            c.task_id),
                Ignore<QueueDecider>);
          },
          [runtime](const ReleaseQueueCall& r) {
            runtime->Ask<AgentDecider>(
                SystemCommand<AgentDecider>(r.tenant, r.agent_id,
                                            domain::ReleaseAgentCall{r.call_id, r.wrap_up_seconds},
                                            r.call_id),
                Ignore<AgentDecider>);
          },
          [runtime](const SendAgentToBreak& b) {
            domain::ChangeAgentStatus change{
                domain::AgentStatus::kBreak,
                "missed " + std::to_string(b.misses) + " offers in a row"};
            runtime->Ask<AgentDecider>(
                SystemCommand<AgentDecider>(b.tenant, b.agent_id, std::move(change), ""),
                Ignore<AgentDecider>);
          },
      },
      follow_up);
}

QueueView Router::ViewOf(const std::string& tenant, const std::string& id,
                         const RosterQueue& q) const {
  QueueView view{id, q.state, q.version, 0, 0};
  const TenantRoster* roster = roster_.Tenant(tenant);
  if (!roster) return view;
  const auto now = NowMicros();
  for (const auto& c : roster_.Candidates(tenant, now).all) {
    bool skilled = true;
    for (const auto& skill : q.state.config.required_skills) {
      skilled = skilled && c.skills.count(skill) > 0;
    }
    if (!skilled) continue;
    ++view.agents_eligible;
    if (!domain::IneligibilityOf(c, q.state.config.required_skills, q.state.config.channel, now)) {
      ++view.agents_available;
    }
  }
  return view;
}

std::vector<QueueView> Router::Queues(const std::string& tenant, uint64_t* position) const {
  std::lock_guard lock(roster_mu_);
  if (position) *position = folded_;
  std::vector<QueueView> out;
  const TenantRoster* roster = roster_.Tenant(tenant);
  if (!roster) return out;
  for (const auto& [id, q] : roster->queues) {
    if (q.state.exists) out.push_back(ViewOf(tenant, id, q));
  }
  return out;
}

std::optional<QueueView> Router::Queue(const std::string& tenant, const std::string& queue_id,
                                       uint64_t* position) const {
  std::lock_guard lock(roster_mu_);
  if (position) *position = folded_;
  const RosterQueue* q = roster_.Queue(tenant, queue_id);
  if (!q) return std::nullopt;
  return ViewOf(tenant, queue_id, *q);
}

}  // namespace sb::actors
