#include "http/http_session.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "domain/ascii.h"
#include "http/target.h"
#include "http/websocket_session.h"

namespace sb::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Requests read ahead of their answers on one connection (HTTP pipelining). Beyond it the
// session stops reading until answers are written, so one client cannot queue without bound.
constexpr size_t kPipelineLimit = 16;
// After a final response (413, 400, Connection: close) the rest of what the client sends is
// read and dropped for this long before closing, so that closing with unread data (which makes
// the kernel send a reset) does not destroy the response before the client reads it.
constexpr std::chrono::seconds kLingerTimeout{2};
constexpr size_t kLingerBuffer = 16 * 1024;

bool IsHttpParseError(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

std::string FormatEndpoint(const tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  std::string host = address.to_string();
  if (address.is_v6()) host = "[" + host + "]";
  return host + ":" + std::to_string(endpoint.port());
}

bool IsSafeHeaderText(std::string_view text) {
  return text.find_first_of("\r\n", 0) == std::string_view::npos &&
         text.find('\0') == std::string_view::npos;
}

class HttpSession;

// The state shared by every copy of one request's Responder: the first call wins, and the last
// copy to go answers 500 if nobody called it (a handler or actor that lost the request must not
// leave the client waiting until its timeout).
class PendingAnswer {
 public:
  PendingAnswer(std::shared_ptr<IoCore> core, std::shared_ptr<HttpSession> session, uint64_t slot)
      : core_(std::move(core)), session_(std::move(session)), slot_(slot) {}
  ~PendingAnswer() {
    if (!answered_.load(std::memory_order_acquire)) {
      try {
        Answer(ErrorResponse(500, "internal", "request dropped"));
      } catch (...) {  // a destructor must not throw; the connection's timeout remains
      }
    }
  }
  PendingAnswer(const PendingAnswer&) = delete;
  PendingAnswer& operator=(const PendingAnswer&) = delete;

  void Answer(Response response);

 private:
  std::shared_ptr<IoCore> core_;  // first member: released last, after the session
  std::shared_ptr<HttpSession> session_;
  const uint64_t slot_;
  std::atomic<bool> answered_{false};
};

class HttpSession : public Connection, public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket socket, std::shared_ptr<ServerShared> shared, uint64_t id,
              std::string remote)
      : strand_(socket.get_executor()),
        stream_(std::move(socket)),
        shared_(std::move(shared)),
        id_(id),
        remote_(std::move(remote)) {}

  ~HttpSession() override { shared_->registry.Remove(id_); }

  const asio::any_io_executor& strand() const { return strand_; }

  void Run() {
    asio::dispatch(strand_, [self = shared_from_this()] { self->MaybeRead(); });
  }

  void Shutdown() override {
    asio::post(strand_, [self = shared_from_this()] { self->Close(); });
  }

  void ForceClosed() override {}  // nothing of the application waits on an HTTP connection

  // On the strand: the answer to request `slot`.
  void OnAnswer(uint64_t slot, Response response) {
    if (closed_ || slots_.empty()) return;
    const uint64_t first = slots_.front().id;
    if (slot < first || slot - first >= slots_.size()) return;
    Slot& s = slots_[slot - first];
    if (!s.response && !s.upgrade) s.response = std::move(response);
    MaybeWrite();
  }

 private:
  // One request, from when it is read until its answer is written.
  struct Slot {
    uint64_t id = 0;
    unsigned version = 11;
    bool close_after = false;
    Clock::time_point start;
    std::string label = "unmatched";
    Request summary;  // for on_response: the request without its body
    std::optional<Response> response;
    // An upgrade request waits here until every earlier answer is written.
    std::optional<UpgradeRequest> upgrade;
  };

  void MaybeRead() {
    if (closed_ || reading_ || read_done_ || slots_.size() >= kPipelineLimit) return;
    reading_ = true;
    parser_.emplace();
    parser_->body_limit(shared_->options.body_limit);
    stream_.expires_after(shared_->options.request_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t /*bytes*/) {
    reading_ = false;
    if (closed_) return;
    if (ec == bhttp::error::end_of_stream) {
      // The client has sent all it will; answer what is pending, then close.
      read_done_ = true;
      if (slots_.empty()) Close();
      return;
    }
    if (ec && IsHttpParseError(ec)) {
      read_done_ = true;
      Slot slot = NewSlot(11);
      slot.close_after = true;
      if (parser_ && parser_->is_header_done()) {  // e.g. 413: the metrics hook gets the method
        slot.version = parser_->get().version();
        slot.summary.method = std::string(parser_->get().method_string());
        slot.summary.target = std::string(parser_->get().target());
      }
      if (ec == bhttp::error::body_limit) {
        slot.response = ErrorResponse(
            413, "payload_too_large",
            "the body is larger than " + std::to_string(shared_->options.body_limit) + " bytes");
      } else if (ec == bhttp::error::header_limit) {
        slot.response =
            ErrorResponse(431, "headers_too_large", "the request headers are too large");
      } else {
        slot.response =
            ErrorResponse(400, "bad_request", "malformed HTTP request: " + ec.message());
      }
      slots_.push_back(std::move(slot));
      MaybeWrite();
      return;
    }
    if (ec) {  // timeout, reset, or Stop: nothing more can be said on this connection
      Close();
      return;
    }

    auto message = parser_->release();
    parser_.reset();
    Slot slot = NewSlot(message.version());
    slot.close_after = !message.keep_alive();
    Request request = ToRequest(message);
    if (Status s = ParseTarget(request.target, &request.path, &request.query); !s.ok()) {
      read_done_ = true;
      slot.close_after = true;
      slot.summary = Summary(request);
      slot.response = ErrorResponse(400, "bad_request", s.message());
      slots_.push_back(std::move(slot));
      MaybeWrite();
      return;
    }
    if (boost::beast::websocket::is_upgrade(message) &&
        shared_->websockets.count(request.path) != 0) {
      read_done_ = true;  // the connection is the WebSocket's from here on (or closes)
      slot.close_after = true;
      slot.label = request.path;
      slot.summary = Summary(request);
      slot.upgrade = UpgradeRequest{std::move(message), std::move(request), slot.start};
      slots_.push_back(std::move(slot));
      MaybeWrite();
      return;
    }
    if (slot.close_after) read_done_ = true;
    if (shared_->options.on_response) {
      slot.label = shared_->router->RouteLabel(request);
      slot.summary = Summary(request);
    }
    const uint64_t id = slot.id;
    slots_.push_back(std::move(slot));
    Dispatch(std::move(request), id);
    MaybeRead();
  }

  Slot NewSlot(unsigned version) {
    Slot slot;
    slot.id = next_slot_++;
    slot.version = version;
    slot.start = Clock::now();
    slot.summary.remote = remote_;
    return slot;
  }

  Request ToRequest(const bhttp::request<bhttp::string_body>& message) {
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    request.headers.reserve(std::distance(message.begin(), message.end()));
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (char& c : name) c = domain::AsciiLower(c);
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.body = message.body();
    request.remote = remote_;
    return request;
  }

  static Request Summary(const Request& request) {
    Request summary;
    summary.method = request.method;
    summary.target = request.target;
    summary.path = request.path;
    summary.query = request.query;
    summary.headers = request.headers;
    summary.remote = request.remote;
    return summary;
  }

  void Dispatch(Request request, uint64_t slot) {
    auto pending = std::make_shared<PendingAnswer>(shared_->core.lock(), shared_from_this(), slot);
    try {
      shared_->router->Dispatch(std::move(request), [pending](Response response) {
        pending->Answer(std::move(response));
      });
    } catch (...) {  // the Router catches handler exceptions; this is for allocation failures
      pending->Answer(ErrorResponse(500, "internal", "internal error"));
    }
  }

  void MaybeWrite() {
    if (closed_ || writing_ || slots_.empty()) return;
    Slot& front = slots_.front();
    if (front.upgrade) {
      Upgrade();
      return;
    }
    if (!front.response) return;
    Response& r = *front.response;
    out_ = {};
    out_.version(front.version);
    out_.result(r.status >= 100 && r.status <= 599 ? static_cast<unsigned>(r.status) : 500u);
    out_.set(bhttp::field::server, "switchboard");
    if (!r.body.empty()) out_.set(bhttp::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers) {
      // Response splitting is impossible even with a careless handler.
      if (!name.empty() && IsSafeHeaderText(name) && IsSafeHeaderText(value)) {
        out_.insert(name, value);
      }
    }
    out_.keep_alive(!front.close_after);
    out_.body() = std::move(r.body);
    out_.prepare_payload();
    writing_ = true;
    stream_.expires_after(shared_->options.request_timeout);
    bhttp::async_write(stream_, out_,
                       beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, size_t /*bytes*/) {
    writing_ = false;
    if (closed_) return;
    if (ec) {
      Close();
      return;
    }
    Slot done = std::move(slots_.front());
    slots_.pop_front();
    Report(done, static_cast<int>(out_.result_int()));
    out_ = {};
    if (done.close_after) {
      Linger();
      return;
    }
    if (read_done_ && slots_.empty()) {
      Close();
      return;
    }
    MaybeWrite();
    MaybeRead();
  }

  void Report(const Slot& slot, int status) {
    const auto& hook = shared_->options.on_response;
    if (!hook) return;
    const double seconds = std::chrono::duration<double>(Clock::now() - slot.start).count();
    try {
      hook(slot.summary, slot.label, status, seconds);
    } catch (...) {  // metrics must never take a connection down
    }
  }

  // The front slot is an upgrade and every earlier answer is written: ask the acceptor.
  void Upgrade() {
    Slot& front = slots_.front();
    std::variant<std::shared_ptr<WebSocketSession>, Response> decision;
    try {
      auto it = shared_->websockets.find(front.upgrade->request.path);
      decision = it->second(front.upgrade->request);
    } catch (...) {
      decision = ErrorResponse(500, "internal", "internal error");
    }
    if (auto* app = std::get_if<std::shared_ptr<WebSocketSession>>(&decision); app && *app) {
      closed_ = true;  // the socket now belongs to the WebSocket session
      stream_.expires_never();
      UpgradeRequest upgrade = std::move(*front.upgrade);
      slots_.clear();
      StartWebSocketSession(std::move(stream_), std::move(upgrade), std::move(*app), shared_);
      return;
    }
    front.upgrade.reset();
    front.response = std::holds_alternative<Response>(decision)
                         ? std::move(std::get<Response>(decision))
                         : ErrorResponse(500, "internal", "internal error");
    MaybeWrite();
  }

  void Linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTimeout);
    linger_buffer_.resize(kLingerBuffer);
    Drain();
  }

  void Drain() {
    stream_.async_read_some(asio::buffer(linger_buffer_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec || self->closed_) {
                                self->Close();
                              } else {
                                self->Drain();
                              }
                            });
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    slots_.clear();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  const asio::any_io_executor strand_;  // a copy: Shutdown may run after stream_ moved away
  beast::tcp_stream stream_;
  const std::shared_ptr<ServerShared> shared_;
  const uint64_t id_;
  const std::string remote_;

  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> out_;  // the answer being written
  std::deque<Slot> slots_;
  uint64_t next_slot_ = 0;
  std::string linger_buffer_;
  bool reading_ = false;
  bool read_done_ = false;  // no more requests will be read
  bool writing_ = false;
  bool closed_ = false;
};

void PendingAnswer::Answer(Response response) {
  if (answered_.exchange(true, std::memory_order_acq_rel)) return;
  asio::post(session_->strand(),
             [session = session_, slot = slot_, response = std::move(response)]() mutable {
               session->OnAnswer(slot, std::move(response));
             });
}

}  // namespace

void StartHttpSession(tcp::socket socket, std::shared_ptr<ServerShared> shared) {
  beast::error_code ec;
  const tcp::endpoint endpoint = socket.remote_endpoint(ec);
  if (ec) return;  // already gone
  socket.set_option(tcp::no_delay(true), ec);
  const uint64_t id = NextConnectionId();
  auto session =
      std::make_shared<HttpSession>(std::move(socket), shared, id, FormatEndpoint(endpoint));
  if (!shared->registry.Add(id, session)) return;  // stopping: the socket closes with it
  session->Run();
}

}  // namespace sb::http
