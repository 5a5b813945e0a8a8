#include "http/api/call_dialing.h"

#include <utility>

#include "domain/call_decider.h"
#include "http/providers/encoding.h"
#include "http/providers/provider_config_json.h"

namespace sb::http::api {
namespace {

using domain::CallDecider;

actors::EntityCommand<CallDecider> CallCommand(const std::string& tenant,
                                               const std::string& call_id,
                                               domain::CallCommand command) {
  actors::EntityCommand<CallDecider> c;
  c.key = actors::EntityKey{tenant, call_id};
  c.command = std::move(command);
  c.meta.actor = "system:dialer";
  c.meta.correlation_id = call_id;
  return c;
}

}  // namespace

std::string StatusCallbackUrl(const std::string& url, const std::string& tenant,
                              const std::string& call_id) {
  if (url.empty()) return url;
  const auto fragment = url.find('#');
  std::string out = url.substr(0, fragment);
  out += out.find('?') == std::string::npos ? '?' : '&';
  out += "tenant=" + providers::PercentEncode(tenant) +
         "&call_id=" + providers::PercentEncode(call_id);
  return out;
}

Result<std::unique_ptr<CallDialing>> CallDialing::Create(actors::Runtime* runtime,
                                                         CallDialingOptions options) {
  auto client = providers::OutboundClient::Create(options.client);
  if (!client.ok()) return client.status();
  return std::unique_ptr<CallDialing>(
      new CallDialing(runtime, std::move(options), std::move(client).value()));
}

CallDialing::CallDialing(actors::Runtime* runtime, CallDialingOptions options,
                         std::unique_ptr<providers::OutboundClient> client)
    : runtime_(runtime),
      breaker_(options.breaker),
      client_(std::move(client)),
      dialer_(client_.get(), &breaker_, options.dialer) {}

CallDialing::~CallDialing() {
  client_->Stop();
  std::unique_lock lock(mu_);
  idle_.wait(lock, [this] { return in_flight_ == 0; });
}

Result<std::vector<providers::DialCandidate>> CallDialing::Candidates(
    const projections::ProviderDirectory& directory, const std::string& tenant,
    const std::string& explicit_id) {
  std::vector<projections::ProviderEntry> entries;
  if (!explicit_id.empty()) {
    auto entry = directory.Find(tenant, explicit_id);
    if (!entry || !entry->state.exists) return Status::NotFound("no such provider");
    if (!entry->state.account.is_active) {
      return Status::InvalidArgument("provider " + explicit_id + " is not active");
    }
    entries.push_back(std::move(*entry));
  } else {
    entries = directory.Active(tenant);
  }
  std::vector<providers::DialCandidate> out;
  for (auto& e : entries) {
    // Accounts were validated when written; one that no longer converts is skipped rather
    // than dialed half-configured.
    auto config = providers::ProviderConfigFromAccount(e.state.account);
    if (config.ok()) out.push_back({e.id, std::move(config).value()});
  }
  return out;
}

void CallDialing::Start(const std::string& tenant, const std::string& call_id,
                        const domain::CallState& call,
                        std::vector<providers::DialCandidate> candidates) {
  for (auto& c : candidates) {
    c.config.callback_url = StatusCallbackUrl(c.config.callback_url, tenant, call_id);
  }
  providers::DialRequest request;
  request.to = call.to_phone;
  request.call_id = call_id;
  actors::Runtime* runtime = runtime_;
  auto record = [runtime, tenant, call_id](const domain::DialAttempt& attempt,
                                           std::function<void(bool)> next) {
    runtime->Ask<CallDecider>(
        CallCommand(tenant, call_id, domain::RecordDialAttempt{attempt}),
        [next = std::move(next)](Result<actors::EntityReply<CallDecider>> reply) {
          // Keep dialing only while the call is still waiting for a provider; if the log
          // cannot record attempts, stop rather than dial unrecorded.
          next(reply.ok() && reply.value().ok() && !reply.value().state.IsTerminal());
        });
  };
  auto done = [this, runtime, tenant, call_id](providers::DialOutcome outcome) {
    if (!outcome.status.ok()) {
      domain::ReportProviderStatus failed{domain::CallStatus::kFailed,
                                          "provider_failed: " + outcome.status.message(), 0};
      runtime->Ask<CallDecider>(CallCommand(tenant, call_id, std::move(failed)),
                                [](Result<actors::EntityReply<CallDecider>>) {});
    }
    std::lock_guard lock(mu_);
    if (--in_flight_ == 0) idle_.notify_all();
  };
  {
    std::lock_guard lock(mu_);
    ++in_flight_;
  }
  dialer_.Dial(std::move(candidates), std::move(request), std::move(record), std::move(done));
}

}  // namespace sb::http::api
