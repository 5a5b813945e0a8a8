#include "http/providers/provider_dialer.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "http/providers/dial_result.h"
#include "http/providers/provider_adapter.h"

namespace sb::providers {
namespace {

using Clock = std::chrono::steady_clock;

// One Dial: where it is in the candidate list and what it has recorded.
struct Run : std::enable_shared_from_this<Run> {
  OutboundClient* client;
  CircuitBreaker* breaker;
  DialerOptions options;
  std::vector<DialCandidate> candidates;
  DialRequest request;
  RecordAttempt record;
  std::function<void(DialOutcome)> done;

  size_t candidate = 0;
  int tries_here = 0;  // attempts on the current candidate
  DialOutcome outcome;

  const DialCandidate& current() const { return candidates[candidate]; }

  domain::DialAttempt NewAttempt(const char* result) {
    domain::DialAttempt a;
    a.number = ++outcome.attempts;
    a.provider_id = current().provider_id;
    a.provider_name = current().config.provider_name;
    a.provider_type = ProviderTypeName(current().config.provider_type);
    a.outcome = result;
    return a;
  }

  void Finish() {
    if (outcome.status.ok() && outcome.accepted.outcome.empty()) {
      outcome.status = Status::Unavailable("no provider accepted the call");
    }
    auto finish = std::move(done);
    done = nullptr;
    if (finish) finish(std::move(outcome));
  }

  // Records `attempt`, then continues with `next` unless told to stop.
  void Record(domain::DialAttempt attempt, std::function<void()> next) {
    record(attempt, [self = shared_from_this(), next = std::move(next)](bool keep_going) {
      if (keep_going) {
        next();
      } else {
        if (self->outcome.status.ok() && self->outcome.accepted.outcome.empty()) {
          self->outcome.status = Status::Unavailable("dialing stopped: the call ended");
        }
        self->Finish();
      }
    });
  }

  void NextCandidate() {
    ++candidate;
    tries_here = 0;
    Try();
  }

  void Try() {
    if (candidate >= candidates.size()) return Finish();
    const auto now = Clock::now();
    if (tries_here == 0 && !breaker->Allow(current().provider_id, now)) {
      domain::DialAttempt skipped = NewAttempt("skipped");
      skipped.error = "circuit breaker open";
      outcome.status = Status::Unavailable(current().config.provider_name + ": circuit open");
      return Record(std::move(skipped), [self = shared_from_this()] { self->NextCandidate(); });
    }
    ++tries_here;
    DialRequest dial = request;
    dial.attempt_id.clear();  // a fresh JWT jti for every attempt
    auto built = BuildDial(current().config, dial);
    if (!built.ok()) return Answered(Clock::now(), built.status(), 0, {});
    client->Send(std::move(built).value(), [self = shared_from_this(),
                                            start = now](Result<OutboundResponse> response) {
      if (!response.ok()) return self->Answered(start, response.status(), 0, {});
      auto accepted = ParseDialResponse(self->current().config, response->status, response->body);
      self->Answered(start, accepted.ok() ? Status::OK() : accepted.status(), response->status,
                     accepted.ok() ? *accepted : DialAccepted{});
    });
  }

  void Answered(Clock::time_point start, const Status& status, int http_status,
                const DialAccepted& accepted) {
    domain::DialAttempt a = NewAttempt(status.ok() ? "accepted" : "failed");
    a.http_status = http_status;
    a.latency_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    const std::string& id = current().provider_id;
    if (status.ok()) {
      breaker->RecordSuccess(id);
      a.provider_call_id = accepted.provider_call_id;
      outcome.status = Status::OK();
      outcome.accepted = a;
      return Record(std::move(a), [self = shared_from_this()] { self->Finish(); });
    }
    a.error = status.message();
    a.retryable = IsRetryable(status);
    outcome.status = status;
    if (a.retryable) {
      breaker->RecordFailure(id, Clock::now());
    } else if (http_status > 0) {
      breaker->RecordSuccess(id);  // it answered: it is up, the request was the problem
    } else {
      breaker->Release(id);
    }
    const bool maybe_placed =
        status.code() == Status::Code::kConflict || status.code() == Status::Code::kCorruption;
    const bool retry_here = a.retryable && tries_here <= current().config.retry_count;
    Record(std::move(a), [self = shared_from_this(), maybe_placed, retry_here] {
      if (maybe_placed) return self->Finish();
      if (!retry_here) return self->NextCandidate();
      self->client->After(self->Backoff(), [self](Status waited) {
        if (!waited.ok()) {
          self->outcome.status = waited;
          return self->Finish();
        }
        self->Try();
      });
    });
  }

  std::chrono::milliseconds Backoff() const {
    auto delay = options.backoff_base * (1 << std::min(tries_here - 1, 16));
    return std::min(delay, options.backoff_cap);
  }
};

}  // namespace

ProviderDialer::ProviderDialer(OutboundClient* client, CircuitBreaker* breaker,
                               DialerOptions options)
    : client_(client), breaker_(breaker), options_(options) {}

void ProviderDialer::Dial(std::vector<DialCandidate> candidates, DialRequest request,
                          RecordAttempt record, std::function<void(DialOutcome)> done) {
  auto run = std::make_shared<Run>();
  run->client = client_;
  run->breaker = breaker_;
  run->options = options_;
  run->candidates = std::move(candidates);
  run->request = std::move(request);
  run->record = std::move(record);
  run->done = std::move(done);
  run->Try();
}

}  // namespace sb::providers
