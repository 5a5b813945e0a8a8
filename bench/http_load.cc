#include "bench/http_load.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace sb::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Unanswered requests are cut this long after the run's end.
constexpr std::chrono::seconds kDrainLimit{5};

struct Shared {
  const HttpLoadRequest* request;
  tcp::resolver::results_type endpoints;
  Clock::time_point deadline;
  uint64_t max_requests = 0;  // 0: no limit
  std::atomic<uint64_t> sequence{0};
  std::atomic<uint64_t> connected{0};

  std::mutex mu;  // guards what the connections hand in when they finish
  uint64_t requests = 0;
  uint64_t errors = 0;
  uint64_t non_2xx = 0;
  std::vector<uint32_t> latencies_us;
  Clock::time_point last_finish;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::io_context& ioc, Shared& shared)
      : stream_(asio::make_strand(ioc)), shared_(shared) {
    const HttpLoadRequest& r = *shared.request;
    req_.method_string(r.method);
    req_.target(r.target);
    req_.version(11);
    req_.set(bhttp::field::host, "load");
    for (const auto& [name, value] : r.headers) req_.set(name, value);
    latencies_.reserve(1 << 14);
  }

  ~Connection() {
    std::lock_guard lock(shared_.mu);
    shared_.requests += requests_;
    shared_.errors += errors_;
    shared_.non_2xx += non_2xx_;
    shared_.latencies_us.insert(shared_.latencies_us.end(), latencies_.begin(), latencies_.end());
    shared_.last_finish = std::max(shared_.last_finish, Clock::now());
  }

  void Start() { Connect(); }

  // Cuts whatever is in flight (after the drain limit).
  void Cut() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] { self->stream_.close(); });
  }

 private:
  bool Over() const { return Clock::now() >= shared_.deadline; }

  void Connect() {
    stream_.expires_at(shared_.deadline + kDrainLimit);
    stream_.async_connect(shared_.endpoints,
                          [self = shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
                            if (ec) return self->Failed();
                            self->shared_.connected.fetch_add(1, std::memory_order_relaxed);
                            beast::error_code ignored;
                            self->stream_.socket().set_option(tcp::no_delay(true), ignored);
                            self->Send();
                          });
  }

  void Send() {
    const uint64_t sequence = shared_.sequence.fetch_add(1, std::memory_order_relaxed);
    if (shared_.max_requests != 0 && sequence >= shared_.max_requests) return Close();
    const HttpLoadRequest& r = *shared_.request;
    if (r.make_body) {
      req_.body() = r.make_body(sequence);
      if (!req_.body().empty()) {
        req_.set(bhttp::field::content_type, r.content_type);
      } else {
        req_.erase(bhttp::field::content_type);
      }
    }
    req_.prepare_payload();
    sent_at_ = Clock::now();
    stream_.expires_at(shared_.deadline + kDrainLimit);
    bhttp::async_write(stream_, req_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Failed();
      self->Receive();
    });
  }

  void Receive() {
    parser_.emplace();
    parser_->body_limit(64 << 20);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnResponse(ec); });
  }

  void OnResponse(beast::error_code ec) {
    if (ec) return Failed();
    const auto elapsed = Clock::now() - sent_at_;
    latencies_.push_back(static_cast<uint32_t>(std::min<int64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count(), UINT32_MAX)));
    ++requests_;
    const unsigned status = parser_->get().result_int();
    if (status < 200 || status > 299) ++non_2xx_;
    const bool keep_alive = parser_->get().keep_alive();
    parser_.reset();
    if (Over()) return Close();
    if (!keep_alive) return Reconnect();
    Send();
  }

  void Failed() {
    ++errors_;
    if (Over()) return Close();
    Reconnect();
  }

  void Reconnect() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
    buffer_.consume(buffer_.size());
    Connect();
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Shared& shared_;
  beast::flat_buffer buffer_;
  bhttp::request<bhttp::string_body> req_;
  std::optional<bhttp::response_parser<bhttp::string_body>> parser_;
  Clock::time_point sent_at_;
  std::vector<uint32_t> latencies_;
  uint64_t requests_ = 0;
  uint64_t errors_ = 0;
  uint64_t non_2xx_ = 0;
};

double Percentile(std::vector<uint32_t>& values, double p) {
  if (values.empty()) return 0;
  const size_t k = std::min(values.size() - 1, static_cast<size_t>(p * values.size()));
  std::nth_element(values.begin(), values.begin() + k, values.end());
  return values[k];
}

}  // namespace

Result<HttpLoadResult> RunHttpLoad(const HttpLoadOptions& options, const HttpLoadRequest& request) {
  if (options.connections < 1) return Status::InvalidArgument("connections must be at least 1");
  if (options.threads < 1) return Status::InvalidArgument("threads must be at least 1");
  if (options.duration.count() <= 0) return Status::InvalidArgument("duration must be positive");

  asio::io_context ioc(options.threads);
  Shared shared;
  shared.request = &request;
  shared.max_requests = options.max_requests;
  beast::error_code ec;
  tcp::resolver resolver(ioc);
  shared.endpoints = resolver.resolve(options.host, std::to_string(options.port), ec);
  if (ec) return Status::IOError("resolve " + options.host + ": " + ec.message());

  const auto start = Clock::now();
  shared.deadline = start + std::chrono::duration_cast<Clock::duration>(options.duration);
  shared.last_finish = start;
  std::vector<std::weak_ptr<Connection>> connections;
  for (int i = 0; i < options.connections; ++i) {
    auto c = std::make_shared<Connection>(ioc, shared);
    connections.push_back(c);
    c->Start();
  }
  asio::steady_timer cutoff(ioc, shared.deadline + kDrainLimit);
  cutoff.async_wait([&connections](beast::error_code wait_ec) {
    if (wait_ec) return;
    for (auto& weak : connections) {
      if (auto c = weak.lock()) c->Cut();
    }
  });
  std::vector<std::thread> threads;
  for (int i = 0; i < options.threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
  // The cutoff timer is the only work left once every connection has finished: cancel it so
  // that run() returns.
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    bool alive = false;
    for (auto& weak : connections) alive |= !weak.expired();
    if (!alive) break;
  }
  asio::post(ioc, [&cutoff] { cutoff.cancel(); });
  for (auto& t : threads) t.join();

  if (shared.connected.load() == 0) {
    return Status::IOError("no connection to " + options.host + ":" + std::to_string(options.port) +
                           " could be opened");
  }
  HttpLoadResult result;
  result.requests = shared.requests;
  result.errors = shared.errors;
  result.non_2xx = shared.non_2xx;
  result.seconds = std::chrono::duration<double>(shared.last_finish - start).count();
  result.rate = result.seconds > 0 ? result.requests / result.seconds : 0;
  result.p50_us = Percentile(shared.latencies_us, 0.50);
  result.p99_us = Percentile(shared.latencies_us, 0.99);
  return result;
}

}  // namespace sb::bench
