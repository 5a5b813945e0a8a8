#include "http/providers/outbound_client.h"

#include <openssl/ssl.h>
#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "http/providers/url.h"

namespace sb::providers {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

bool IsIpLiteral(const std::string& host) {
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

bool HasCrLf(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

void Deliver(OutboundCallback& done, Result<OutboundResponse> result) {
  try {
    if (done) done(std::move(result));
  } catch (...) {
    // The contract: a throwing callback does not take the client's thread down.
  }
  done = nullptr;
}

class Exchange;

// The client's shared state (OutboundClient::Impl is it; a separate name so that Exchange,
// outside the class, may use it).
struct ClientState {
  explicit ClientState(OutboundClientOptions o)
      : options(std::move(o)), work(asio::make_work_guard(ioc)), tls(ssl::context::tls_client) {}

  void Forget(uint64_t id) {
    std::lock_guard lock(mu);
    live.erase(id);
  }

  OutboundClientOptions options;
  asio::io_context ioc;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  ssl::context tls;
  std::vector<std::thread> threads;

  mutable std::mutex mu;  // guards stopped, live, timers, next_id
  bool stopped = false;
  std::unordered_map<uint64_t, std::weak_ptr<Exchange>> live;
  std::unordered_map<uint64_t, std::weak_ptr<asio::steady_timer>> timers;
  uint64_t next_id = 0;
};

// One request on its own connection. Every member is used on the strand only.
class Exchange : public std::enable_shared_from_this<Exchange> {
 public:
  Exchange(ClientState& impl, uint64_t id, Url url, OutboundRequest request, OutboundCallback done)
      : impl_(impl),
        id_(id),
        url_(std::move(url)),
        request_(std::move(request)),
        done_(std::move(done)),
        strand_(asio::make_strand(impl.ioc)),
        resolver_(strand_),
        stream_(strand_, impl.tls),
        deadline_(strand_) {}

  void Start() {
    asio::post(strand_, [self = shared_from_this()] { self->Begin(); });
  }

  void Abort(Status status) {
    asio::post(strand_, [self = shared_from_this(), status = std::move(status)]() mutable {
      self->Finish(std::move(status));
    });
  }

 private:
  beast::tcp_stream& tcp() { return stream_.next_layer(); }

  void Begin() {
    if (finished_) return;
    started_at_ = Clock::now();
    deadline_at_ = started_at_ + request_.total_timeout;
    connect_deadline_at_ = std::min(deadline_at_, started_at_ + request_.connect_timeout);
    deadline_.expires_at(deadline_at_);
    deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;  // cancelled: finished in time
      self->Finish(
          Status::Unavailable("provider request to " + self->url_.host + " timed out after " +
                              std::to_string(self->request_.total_timeout.count()) + " ms"));
    });
    BuildMessage();
    // Asio's resolver answers literals at once; names go to getaddrinfo on Asio's own thread,
    // and the deadline's Finish cancels that wait.
    phase_ = "resolve";
    resolver_.async_resolve(
        url_.host, std::to_string(url_.port),
        [self = shared_from_this()](beast::error_code ec, tcp::resolver::results_type results) {
          self->OnResolve(ec, std::move(results));
        });
  }

  void BuildMessage() {
    message_.version(11);
    message_.method_string(request_.method);
    message_.target(url_.target);
    std::string host = url_.host.find(':') != std::string::npos ? "[" + url_.host + "]" : url_.host;
    const bool default_port = url_.port == (url_.tls ? 443 : 80);
    if (!default_port) host += ":" + std::to_string(url_.port);
    message_.set(bhttp::field::host, host);
    message_.set(bhttp::field::user_agent, impl_.options.user_agent);
    for (const auto& [name, value] : request_.headers) message_.set(name, value);
    message_.set(bhttp::field::connection, "close");
    if (!request_.body.empty()) {
      if (!request_.content_type.empty()) {
        message_.set(bhttp::field::content_type, request_.content_type);
      }
      message_.body() = request_.body;
    }
    message_.prepare_payload();
  }

  bool Failed(beast::error_code ec) {
    if (finished_) return true;
    if (!ec) return false;
    std::string what = phase_;
    if (ec == beast::error::timeout) {
      what += " timed out";
    } else {
      what += " failed: " + ec.message();
    }
    Finish(Status::Unavailable("provider request to " + url_.host + ": " + what));
    return true;
  }

  void OnResolve(beast::error_code ec, tcp::resolver::results_type results) {
    if (Failed(ec)) return;
    phase_ = "connect";
    tcp().expires_at(connect_deadline_at_);
    tcp().async_connect(results,
                        [self = shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
                          self->OnConnect(ec);
                        });
  }

  void OnConnect(beast::error_code ec) {
    if (Failed(ec)) return;
    beast::error_code ignored;
    tcp().socket().set_option(tcp::no_delay(true), ignored);
    if (!url_.tls) return Write();
    phase_ = "TLS handshake";
    // SNI is for names only (RFC 6066 forbids literals); the name check covers both.
    if (!IsIpLiteral(url_.host) &&
        !SSL_set_tlsext_host_name(stream_.native_handle(), url_.host.c_str())) {
      return Finish(Status::Unavailable("provider request to " + url_.host + ": cannot set SNI"));
    }
    stream_.set_verify_mode(ssl::verify_peer, ignored);
    stream_.set_verify_callback(ssl::host_name_verification(url_.host), ignored);
    tcp().expires_at(connect_deadline_at_);
    stream_.async_handshake(ssl::stream_base::client,
                            [self = shared_from_this()](beast::error_code ec) {
                              if (self->Failed(ec)) return;
                              self->Write();
                            });
  }

  void Write() {
    phase_ = "write";
    tcp().expires_at(deadline_at_);
    auto on_write = [self = shared_from_this()](beast::error_code ec, size_t) {
      if (self->Failed(ec)) return;
      self->Read();
    };
    if (url_.tls) {
      bhttp::async_write(stream_, message_, std::move(on_write));
    } else {
      bhttp::async_write(tcp(), message_, std::move(on_write));
    }
  }

  void Read() {
    phase_ = "read";
    parser_.emplace();
    parser_->body_limit(impl_.options.body_limit);
    auto on_read = [self = shared_from_this()](beast::error_code ec, size_t) {
      if (self->Failed(ec)) return;
      self->OnResponse();
    };
    if (url_.tls) {
      bhttp::async_read(stream_, buffer_, *parser_, std::move(on_read));
    } else {
      bhttp::async_read(tcp(), buffer_, *parser_, std::move(on_read));
    }
  }

  void OnResponse() {
    auto& message = parser_->get();
    OutboundResponse response;
    response.status = static_cast<int>(message.result_int());
    for (const auto& field : message) {
      response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    response.body = std::move(message.body());
    Finish(std::move(response));
  }

  void Finish(Result<OutboundResponse> result) {
    if (finished_) return;
    finished_ = true;
    deadline_.cancel();
    resolver_.cancel();
    beast::error_code ignored;
    tcp().socket().close(ignored);  // Connection: close; no TLS close_notify wait
    impl_.Forget(id_);
    Deliver(done_, std::move(result));
  }

  ClientState& impl_;
  const uint64_t id_;
  const Url url_;
  const OutboundRequest request_;
  OutboundCallback done_;
  asio::strand<asio::io_context::executor_type> strand_;
  tcp::resolver resolver_;
  beast::ssl_stream<beast::tcp_stream> stream_;
  asio::steady_timer deadline_;
  bhttp::request<bhttp::string_body> message_;
  std::optional<bhttp::response_parser<bhttp::string_body>> parser_;
  beast::flat_buffer buffer_;
  const char* phase_ = "start";
  bool finished_ = false;
  Clock::time_point started_at_;
  Clock::time_point deadline_at_;
  Clock::time_point connect_deadline_at_;
};

}  // namespace

struct OutboundClient::Impl : ClientState {
  using ClientState::ClientState;
};

Result<std::unique_ptr<OutboundClient>> OutboundClient::Create(OutboundClientOptions options) {
  if (options.threads < 1 || options.threads > 64) {
    return Status::InvalidArgument("threads: must be within 1..64");
  }
  if (options.body_limit == 0) return Status::InvalidArgument("body_limit: must be positive");
  auto impl = std::make_unique<Impl>(std::move(options));
  SSL_CTX_set_min_proto_version(impl->tls.native_handle(), TLS1_2_VERSION);
  impl->tls.set_verify_mode(ssl::verify_peer);
  boost::system::error_code ec;
  if (!impl->options.ca_file.empty()) {
    impl->tls.load_verify_file(impl->options.ca_file, ec);
    if (ec) return Status::IOError("ca_file " + impl->options.ca_file + ": " + ec.message());
  } else {
    impl->tls.set_default_verify_paths(ec);
    if (ec) return Status::IOError("system CA store: " + ec.message());
  }
  Impl* raw = impl.get();
  for (int i = 0; i < raw->options.threads; ++i) {
    raw->threads.emplace_back([raw] {
      pthread_setname_np(pthread_self(), "sb-outbound");
      for (;;) {
        try {
          raw->ioc.run();
          return;
        } catch (...) {
          // A handler threw (callbacks are already guarded): keep serving the others.
        }
      }
    });
  }
  return std::unique_ptr<OutboundClient>(new OutboundClient(std::move(impl)));
}

OutboundClient::OutboundClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

OutboundClient::~OutboundClient() { Stop(); }

void OutboundClient::Send(OutboundRequest request, OutboundCallback done) {
  Status invalid;
  auto url = ParseUrl(request.url);
  if (!url.ok()) {
    invalid = url.status();
  } else if (request.method.empty() || HasCrLf(request.method) ||
             request.method.find(' ') != std::string::npos) {
    invalid = Status::InvalidArgument("method: not an HTTP method");
  } else if (HasCrLf(request.content_type)) {
    invalid = Status::InvalidArgument("content_type: contains CR or LF");
  } else if (request.total_timeout.count() <= 0 || request.connect_timeout.count() <= 0) {
    invalid = Status::InvalidArgument("timeouts must be positive");
  } else {
    for (const auto& [name, value] : request.headers) {
      if (name.empty() || HasCrLf(name) || HasCrLf(value) || name.find(':') != std::string::npos) {
        invalid = Status::InvalidArgument("headers: bad header " + name);
        break;
      }
    }
  }

  std::unique_lock lock(impl_->mu);
  if (impl_->stopped) {
    lock.unlock();
    Deliver(done, Status::Unavailable("outbound client stopped"));
    return;
  }
  if (!invalid.ok()) {
    // Still from the client's thread, as promised.
    asio::post(impl_->ioc, [done = std::move(done), invalid]() mutable { Deliver(done, invalid); });
    return;
  }
  const uint64_t id = impl_->next_id++;
  auto exchange =
      std::make_shared<Exchange>(*impl_, id, std::move(*url), std::move(request), std::move(done));
  impl_->live.emplace(id, exchange);
  // Under the lock, so that a concurrent Stop either refuses this request or aborts it.
  exchange->Start();
}

void OutboundClient::After(std::chrono::milliseconds delay, std::function<void(Status)> fn) {
  std::unique_lock lock(impl_->mu);
  if (impl_->stopped) {
    lock.unlock();
    fn(Status::Unavailable("outbound client stopped"));
    return;
  }
  const uint64_t id = impl_->next_id++;
  auto timer = std::make_shared<asio::steady_timer>(impl_->ioc, delay);
  impl_->timers.emplace(id, timer);
  ClientState* state = impl_.get();
  timer->async_wait([state, id, timer, fn = std::move(fn)](const beast::error_code& ec) {
    {
      std::lock_guard guard(state->mu);
      state->timers.erase(id);
    }
    try {
      fn(ec ? Status::Unavailable("outbound client stopped") : Status::OK());
    } catch (...) {
      // Like a request callback: a throwing timer callback must not stop the client's thread.
    }
  });
}

size_t OutboundClient::in_flight() const {
  std::lock_guard lock(impl_->mu);
  return impl_->live.size();
}

void OutboundClient::Stop() {
  std::vector<std::shared_ptr<Exchange>> abort;
  std::vector<std::shared_ptr<asio::steady_timer>> timers;
  {
    std::lock_guard lock(impl_->mu);
    if (!impl_->stopped) {
      impl_->stopped = true;
      for (auto& [id, weak] : impl_->live) {
        if (auto e = weak.lock()) abort.push_back(std::move(e));
      }
      for (auto& [id, weak] : impl_->timers) {
        if (auto t = weak.lock()) timers.push_back(std::move(t));
      }
    }
  }
  for (auto& e : abort) e->Abort(Status::Unavailable("outbound client stopped"));
  // Cancelled on their own executor: a steady_timer is not safe to touch from two threads.
  for (auto& t : timers) asio::post(impl_->ioc, [t] { t->cancel(); });
  abort.clear();
  impl_->work.reset();
  for (auto& t : impl_->threads) {
    if (t.get_id() == std::this_thread::get_id()) {
      t.detach();  // Stop from a callback: documented as not allowed; avoid a self-join abort
    } else if (t.joinable()) {
      t.join();
    }
  }
  impl_->threads.clear();
}

}  // namespace sb::providers
