#include "http/api/console_feed.h"

#include <boost/json.hpp>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "actors/blocking_pool.h"
#include "domain/call_events.h"
#include "domain/customer_decider.h"
#include "http/api/console_frames.h"
#include "http/api/console_hub.h"
#include "http/api/entity_answer.h"

namespace sb::http::api {

namespace {
constexpr size_t kBatch = 256;
constexpr size_t kMaxDirectory = 100'000;
}  // namespace

struct ConsoleFeed::Shared {
  std::shared_ptr<const ApiContext> context;
  std::mutex mu;
  std::unordered_map<std::string, CallParties> parties;  // call stream -> parties (a cache)

  Shared(std::shared_ptr<const ApiContext> c, int threads)
      : context(std::move(c)), pool(std::make_unique<actors::BlockingPool>(threads, "sb-feed")) {
    hub = std::make_unique<ConsoleHub>(
        context->store, [this](const std::string& stream) { return Lookup(stream); },
        [this](const es::RecordedEvent& event) { Observe(event); },
        [this] { Ready([this] { (void)hub->Drain(); }); });
  }

  // Keeps the call-parties cache in step with the events every console sees.
  void Observe(const es::RecordedEvent& event) {
    if (event.type == domain::CallInitiated::kType) {
      RememberInitiated(event);
    } else if (event.type == domain::CallAgentAssigned::kType) {
      Assigned(event);
    }
  }

  // Runs `job` on the feed's threads; dropped once the feed is closed.
  void Post(std::function<void()> job) {
    std::lock_guard<std::mutex> lock(pool_mu);
    if (pool) pool->Post(std::move(job));
  }

  // Runs a session's drain on the feed's threads. Drains are queued and run by one job at a
  // time: a batch the log hands to every session wakes one thread, not one per session.
  void Ready(std::function<void()> drain) {
    {
      std::lock_guard<std::mutex> lock(ready_mu);
      ready.push_back(std::move(drain));
      if (drainer_posted) return;
      drainer_posted = true;
    }
    Post([this] { DrainReady(); });
  }

  // Runs what is queued and joins the feed's threads, on the caller's thread. Sessions (held by
  // pool jobs and actor callbacks) may outlive the feed and so this object: whichever thread
  // lets go of it last must not be the one to join the pool, which could be one of its own.
  void Close() {
    std::unique_ptr<actors::BlockingPool> closing;
    {
      std::lock_guard<std::mutex> lock(pool_mu);
      closing = std::move(pool);
    }
    closing.reset();
  }

  // Learns a call's parties from its CallInitiated, which every session sees: decoded by the
  // first one only.
  void RememberInitiated(const es::RecordedEvent& event) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (parties.count(event.stream)) return;
    }
    if (auto p = PartiesOf(event)) Remember(event.stream, *p);
  }

  void Remember(const std::string& stream, const CallParties& p) {
    std::lock_guard<std::mutex> lock(mu);
    if (parties.size() >= kMaxDirectory) parties.clear();
    parties[stream] = p;
  }

  // Runs on the pool: a cache miss reads the call's first event.
  std::optional<CallParties> Lookup(const std::string& stream) {
    {
      std::lock_guard<std::mutex> lock(mu);
      auto it = parties.find(stream);
      if (it != parties.end()) return it->second;
    }
    // The assignment of an inbound call comes within its first few events.
    auto first = context->store->ReadStream(stream, 1, es::Direction::kForward, 16);
    if (!first.ok() || first.value().empty()) return std::nullopt;
    auto p = PartiesOf(first.value()[0]);
    if (!p) return p;
    for (const auto& e : first.value()) ApplyAssignment(e, &*p);
    Remember(stream, *p);
    return p;
  }

  // Keeps the cache in step with an inbound call's assignment.
  void Assigned(const es::RecordedEvent& event) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = parties.find(event.stream);
    if (it != parties.end()) ApplyAssignment(event, &it->second);
  }

 private:
  void DrainReady() {
    for (;;) {
      std::vector<std::function<void()>> drains;
      {
        std::lock_guard<std::mutex> lock(ready_mu);
        if (ready.empty()) {
          drainer_posted = false;
          return;
        }
        drains.swap(ready);
      }
      for (auto& drain : drains) drain();
    }
  }

  std::mutex pool_mu;
  std::unique_ptr<actors::BlockingPool> pool;
  std::mutex ready_mu;
  std::vector<std::function<void()>> ready;
  bool drainer_posted = false;

 public:
  // Last, so that it goes first: its subscription's notifications use the members above.
  std::unique_ptr<ConsoleHub> hub;
};

namespace {

class FeedSession : public WebSocketSession,
                    public ConsoleHub::Member,
                    public std::enable_shared_from_this<FeedSession> {
 public:
  FeedSession(std::shared_ptr<ConsoleFeed::Shared> shared, Principal caller, uint64_t from)
      : shared_(std::move(shared)), caller_(std::move(caller)), from_(from) {}

  void OnOpen(std::shared_ptr<WebSocketPeer> peer) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      peer_ = peer;
    }
    connection_id_ = peer->id();
    std::weak_ptr<FeedSession> weak = shared_from_this();
    auto subscription = shared_->context->store->Subscribe(
        from_, es::StreamFilter::Glob(caller_.tenant + "/*"), [weak] {
          if (auto self = weak.lock()) self->Schedule();
        });
    {
      std::lock_guard<std::mutex> lock(mu_);
      subscription_ = std::move(subscription);
    }
    // The writer may announce events before subscription_ is assigned: until now those
    // announcements are ignored, and the Schedule below drains whatever they announced.
    opened_.store(true, std::memory_order_release);
    if (caller_.role == Role::kCustomer) {
      Presence(domain::ConnectCustomer{connection_id_});
    }
    Schedule();
  }

  void OnMessage(std::string) override {}  // consoles act through the REST API

  void OnClose() override {
    closed_.store(true);
    std::shared_ptr<es::Subscription> subscription;
    {
      std::lock_guard<std::mutex> lock(mu_);
      subscription = subscription_;
      peer_.reset();
    }
    if (subscription) subscription->Close();
    // The hub is left on the feed's threads: its lock is held while it reads the log.
    shared_->Post(
        [shared = shared_, self = shared_from_this()] { shared->hub->Leave(self.get()); });
    if (caller_.role == Role::kCustomer) {
      Presence(domain::DisconnectCustomer{connection_id_,
                                          shared_->context->settings.presence_grace_seconds});
    }
  }

 private:
  template <class Command>
  void Presence(Command command) {
    auto c = MakeCommand<domain::CustomerDecider>(caller_, caller_.subject,
                                                  domain::CustomerDecider::Command{command});
    c.meta.correlation_id = connection_id_;
    auto self = shared_from_this();
    shared_->context->runtime->Ask<domain::CustomerDecider>(
        std::move(c), [self](Result<actors::EntityReply<domain::CustomerDecider>> reply) {
          // A customer that is not registered has no presence to keep; tell the console.
          if (reply.ok() && reply.value().rejection) {
            self->Send(boost::json::serialize(boost::json::object{
                {"type", "error"},
                {"data", boost::json::object{{"code", reply.value().rejection->code},
                                             {"message", reply.value().rejection->message}}}}));
          }
        });
  }

  void Deliver(std::string frame) override { Send(std::move(frame)); }

  void Send(std::string frame) {
    std::shared_ptr<WebSocketPeer> peer;
    {
      std::lock_guard<std::mutex> lock(mu_);
      peer = peer_;
    }
    if (peer) peer->Send(std::move(frame));
  }

  // Called on the log's writer thread (must not block) and after open.
  void Schedule() {
    if (!opened_.load(std::memory_order_acquire)) return;
    pending_.store(true);
    if (draining_.exchange(true)) return;
    auto self = shared_from_this();
    shared_->Ready([self] { self->Drain(); });
  }

  // Runs on the pool; `draining_` makes it the subscription's only reader. Catches up on the
  // session's own subscription until the hub takes it from where it got to.
  void Drain() {
    auto lookup = [this](const std::string& stream) { return shared_->Lookup(stream); };
    for (;;) {
      pending_.store(false);
      if (joined_) {
        draining_.store(false);
        return;
      }
      if (shared_->hub->Join(shared_from_this(), caller_, subscription_->next_position())) {
        joined_ = true;
        // Dropped, not only closed: the log feeds every subscription that is still held.
        subscription_->Close();
        {
          std::lock_guard<std::mutex> lock(mu_);
          subscription_.reset();
        }
        // OnClose may have posted its Leave before this Join: leave again.
        if (closed_.load()) shared_->hub->Leave(this);
        draining_.store(false);
        return;
      }
      auto batch = subscription_->Next(kBatch);
      if (!batch.ok()) {  // the log closed under us: the console reconnects with since=
        std::lock_guard<std::mutex> lock(mu_);
        if (peer_) peer_->Close();
        draining_.store(false);
        return;
      }
      for (const auto& event : batch.value()) {
        shared_->Observe(event);
        for (auto& frame : FramesFor(caller_, event, lookup)) Send(std::move(frame));
      }
      if (!batch.value().empty()) continue;
      draining_.store(false);
      // A notification that came while we were finishing was skipped by Schedule: take it.
      if (pending_.load() && !draining_.exchange(true)) continue;
      return;
    }
  }

  std::shared_ptr<ConsoleFeed::Shared> shared_;
  const Principal caller_;
  const uint64_t from_;
  std::string connection_id_;
  // Until the hub takes the session over. Drain reads it; mu_ guards its writes.
  std::shared_ptr<es::Subscription> subscription_;
  std::mutex mu_;
  std::shared_ptr<WebSocketPeer> peer_;
  std::atomic<bool> pending_{false};
  std::atomic<bool> draining_{false};
  std::atomic<bool> opened_{false};  // subscription_ is set
  std::atomic<bool> closed_{false};
  bool joined_ = false;  // Drain only: the hub delivers from now on
};

}  // namespace

ConsoleFeed::ConsoleFeed(std::shared_ptr<const ApiContext> context, int threads)
    : shared_(std::make_shared<Shared>(std::move(context), threads)) {}

ConsoleFeed::~ConsoleFeed() { shared_->Close(); }

WebSocketAcceptor ConsoleFeed::Acceptor() {
  std::weak_ptr<Shared> weak = shared_;
  return
      [weak](const Request& request) -> std::variant<std::shared_ptr<WebSocketSession>, Response> {
        auto shared = weak.lock();
        if (!shared) return ErrorResponse(503, "unavailable", "shutting down");
        const auto& context = *shared->context;
        if (!context.runtime->ready()) {
          return ErrorResponse(503, "not_ready", "recovery is still running");
        }
        const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
        auto who = Authenticate(request, *context.tokens, now, /*allow_query_token=*/true);
        if (auto* refusal = std::get_if<Response>(&who)) return std::move(*refusal);
        uint64_t from = context.store->LastPosition() + 1;
        if (auto since = request.Query("since")) {
          char* end = nullptr;
          errno = 0;
          const unsigned long long value = std::strtoull(since->c_str(), &end, 10);
          if (since->empty() || *end != '\0' || errno != 0 || (*since)[0] == '-') {
            return ErrorResponse(400, "invalid_since", "since must be a log position (an integer)",
                                 "since");
          }
          from = value + 1;
        }
        return std::shared_ptr<WebSocketSession>(
            std::make_shared<FeedSession>(shared, std::get<Principal>(who), from));
      };
}

}  // namespace sb::http::api
