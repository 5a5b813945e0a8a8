// ActorTimers: an ask (AskFrom) nobody answers fails as Unavailable once its timeout has
// passed, and not before; an answered ask is answered once, with no timeout after it; a
// requester that quits is not woken; a message sent for later arrives after its delay, in due
// order, and not to an actor that has quit.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <caf/all.hpp>
#include <catch2/catch.hpp>

#include "actors/ask.h"
#include "domain/agent_decider.h"

namespace sb::testing {
namespace {

using D = domain::AgentDecider;
using actors::EntityCommand;
using actors::EntityReply;
using Clock = std::chrono::steady_clock;
using go_atom = caf::atom_constant<caf::atom("go")>;

constexpr std::chrono::milliseconds kTimeout{150};

struct Outcomes {
  std::mutex mu;
  std::condition_variable cv;
  int answered = 0;
  int failed = 0;
  std::string error;
  Clock::time_point at;

  // Waits up to `limit` for `n` outcomes in all.
  bool WaitFor(int n, std::chrono::milliseconds limit) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, limit, [&] { return answered + failed >= n; });
  }
};

// Stands in for the registry: answers every command, or keeps each promise and never
// delivers it (an entity that crashed with the command queued).
struct RegistryState {
  std::vector<caf::typed_response_promise<EntityReply<D>>> held;
};

caf::behavior FakeRegistry(caf::stateful_actor<RegistryState>* self, bool quiet) {
  return {[=](EntityCommand<D>&) -> caf::result<EntityReply<D>> {
    if (!quiet) return EntityReply<D>{};
    auto promise = self->make_response_promise<EntityReply<D>>();
    self->state.held.push_back(promise);
    return promise;
  }};
}

caf::behavior Requester(caf::event_based_actor* self, caf::actor registry,
                        actors::ActorTimers* timers, Outcomes* out) {
  return {[=](go_atom) {
    EntityCommand<D> command;
    command.key = actors::EntityKey{"acme", "a-1"};
    actors::AskFrom<D>(self, registry, *timers, std::move(command),
                       [out](Result<EntityReply<D>> reply) {
                         std::lock_guard lock(out->mu);
                         if (reply.ok()) {
                           ++out->answered;
                         } else {
                           ++out->failed;
                           out->error = reply.status().ToString();
                         }
                         out->at = Clock::now();
                         out->cv.notify_all();
                       });
  }};
}

// Records each int it is sent, with when it arrived.
struct Arrivals {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::pair<int, Clock::time_point>> got;
};

caf::behavior Recorder(caf::event_based_actor*, Arrivals* arrivals) {
  return {[=](int n) {
    std::lock_guard lock(arrivals->mu);
    arrivals->got.emplace_back(n, Clock::now());
    arrivals->cv.notify_all();
  }};
}

struct Fixture {
  caf::actor_system_config config;
  caf::actor_system system{config};
  actors::ActorTimers timers{kTimeout};
  Outcomes out;
  Arrivals arrivals;
  std::vector<caf::actor> actors;

  caf::actor SpawnRecorder() {
    actors.push_back(system.spawn(Recorder, &arrivals));
    return actors.back();
  }

  caf::actor Spawn(bool quiet_registry) {
    auto registry = system.spawn(FakeRegistry, quiet_registry);
    auto requester = system.spawn(Requester, registry, &timers, &out);
    actors.push_back(registry);
    actors.push_back(requester);
    return requester;
  }
  ~Fixture() {
    for (auto& a : actors) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    actors.clear();
    system.await_all_actors_done();  // none of them touches `out` or `arrivals` any more
  }
};

TEST_CASE("an ask nobody answers fails once its timeout has passed", "[actors][ask]") {
  Fixture f;
  auto requester = f.Spawn(true);
  const auto sent = Clock::now();
  caf::anon_send(requester, go_atom::value);
  REQUIRE(f.out.WaitFor(1, std::chrono::seconds(10)));
  std::lock_guard lock(f.out.mu);
  CHECK(f.out.failed == 1);
  CHECK(f.out.answered == 0);
  CHECK(f.out.error.find("entity did not answer") != std::string::npos);
  CHECK(f.out.at - sent >= kTimeout);
}

TEST_CASE("an answered ask is answered once and never times out", "[actors][ask]") {
  Fixture f;
  auto requester = f.Spawn(false);
  for (int i = 0; i < 3; ++i) caf::anon_send(requester, go_atom::value);
  REQUIRE(f.out.WaitFor(3, std::chrono::seconds(10)));
  std::this_thread::sleep_for(kTimeout * 3);  // past every deadline
  std::lock_guard lock(f.out.mu);
  CHECK(f.out.answered == 3);
  CHECK(f.out.failed == 0);
}

// CAF drops mail to an actor that has quit, so what this guards is the timer's reference to it:
// under AddressSanitizer, a timer that kept a dangling one fails here.
TEST_CASE("a requester that quits before the deadline is left alone", "[actors][ask]") {
  Fixture f;
  auto requester = f.Spawn(true);
  caf::anon_send(requester, go_atom::value);
  caf::anon_send_exit(requester, caf::exit_reason::user_shutdown);
  std::this_thread::sleep_for(kTimeout * 3);
  std::lock_guard lock(f.out.mu);
  CHECK(f.out.answered + f.out.failed == 0);
}

TEST_CASE("a message sent for later arrives after its delay, earliest first", "[actors][timers]") {
  Fixture f;
  auto& arrivals = f.arrivals;
  const auto to = caf::actor_cast<caf::strong_actor_ptr>(f.SpawnRecorder());
  const auto start = Clock::now();
  // The second is due before the first: the timer thread, asleep until the first, must wake.
  f.timers.Send(to, std::chrono::milliseconds(3000), caf::make_message(3));
  f.timers.Send(to, std::chrono::milliseconds(100), caf::make_message(1));
  f.timers.Send(to, std::chrono::milliseconds(200), caf::make_message(2));
  {
    std::unique_lock lock(arrivals.mu);
    REQUIRE(arrivals.cv.wait_for(lock, std::chrono::seconds(10),
                                 [&] { return arrivals.got.size() == 3; }));
    CHECK(arrivals.got[0].first == 1);
    CHECK(arrivals.got[1].first == 2);
    CHECK(arrivals.got[2].first == 3);
    CHECK(arrivals.got[0].second - start >= std::chrono::milliseconds(100));
    CHECK(arrivals.got[0].second - start <
          std::chrono::milliseconds(2500));  // not with the 3 s one
    CHECK(arrivals.got[2].second - start >= std::chrono::milliseconds(3000));
  }
}

// A pending timer holds only a weak reference: an actor that quits is released at once, not
// when its timer comes due (idle checks are minutes away), and the timer then finds nobody.
TEST_CASE("a timer does not keep an actor that has quit alive", "[actors][timers]") {
  Fixture f;
  auto recorder = f.system.spawn(Recorder, &f.arrivals);  // not in f.actors: no other handle
  const caf::weak_actor_ptr weak(caf::actor_cast<caf::strong_actor_ptr>(recorder).get());
  f.timers.Send(caf::actor_cast<caf::strong_actor_ptr>(recorder), std::chrono::seconds(2),
                caf::make_message(1));
  caf::anon_send_exit(recorder, caf::exit_reason::user_shutdown);
  recorder = nullptr;
  const auto start = Clock::now();
  bool released = false;
  while (!released && Clock::now() - start < std::chrono::milliseconds(1500)) {
    released = weak.lock() == nullptr;
    if (!released) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(released);
  std::this_thread::sleep_for(std::chrono::milliseconds(800));  // past the timer
  std::lock_guard lock(f.arrivals.mu);
  CHECK(f.arrivals.got.empty());
}

}  // namespace
}  // namespace sb::testing
