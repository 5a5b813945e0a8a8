#include "tests/support/ws_client.h"

#include <deque>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "tests/support/io_wait.h"

namespace sb::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::chrono::seconds kConnectTimeout{10};
constexpr std::chrono::seconds kSendTimeout{5};
constexpr std::chrono::seconds kCloseTimeout{2};

}  // namespace

struct WsClient::Impl {
  asio::io_context ioc;  // first: outlives the stream and its pending operations
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buffer;
  std::deque<Result<std::string>> inbox;  // completed reads not yet returned
  bool read_pending = false;
  bool broken = false;
  std::optional<int> close_code;

  void StartRead() {
    read_pending = true;
    ws.async_read(buffer, [this](beast::error_code ec, size_t) {
      read_pending = false;
      if (ec) {
        broken = true;
        if (ec == websocket::error::closed) {
          close_code = static_cast<int>(ws.reason().code);
          inbox.push_back(
              Status::IOError("closed by the server with code " + std::to_string(*close_code)));
        } else {
          inbox.push_back(Status::IOError("connection lost: " + ec.message()));
        }
        return;
      }
      inbox.push_back(beast::buffers_to_string(buffer.data()));
      buffer.consume(buffer.size());
    });
  }

  // Runs handlers until `done()` or the deadline.
  template <class Done>
  bool RunUntil(Clock::time_point deadline, Done done) {
    if (ioc.stopped()) ioc.restart();
    while (!done()) {
      if (ioc.run_one_until(deadline) == 0) {
        if (ioc.stopped()) ioc.restart();
        if (Clock::now() >= deadline) return done();
      }
    }
    return true;
  }

  void CutAndFlush() {
    beast::error_code ignored;
    beast::get_lowest_layer(ws).socket().close(ignored);
    // Let the aborted operations complete so that none refers to this object afterwards.
    ioc.restart();
    ioc.run_for(std::chrono::seconds(1));
    broken = true;
  }
};

WsClient::WsClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

WsClient::~WsClient() {
  if (!impl_->broken) impl_->CutAndFlush();
}

Result<std::unique_ptr<WsClient>> WsClient::Connect(const std::string& host, uint16_t port,
                                                    const std::string& target,
                                                    const HeaderList& headers, HttpReply* refused) {
  auto impl = std::make_unique<Impl>();
  beast::error_code ec;
  tcp::resolver resolver(impl->ioc);
  auto endpoints = resolver.resolve(host, std::to_string(port), ec);
  if (ec) return Status::IOError("resolve " + host + ": " + ec.message());
  auto& lowest = beast::get_lowest_layer(impl->ws);
  lowest.expires_after(kConnectTimeout);
  ec = RunIo(impl->ioc, [&](auto done) { lowest.async_connect(endpoints, done); });
  if (ec) return Status::IOError("connect: " + ec.message());
  impl->ws.set_option(websocket::stream_base::decorator([headers](websocket::request_type& req) {
    for (const auto& [name, value] : headers) req.set(name, value);
  }));
  websocket::response_type res;
  lowest.expires_after(kConnectTimeout);
  const std::string host_port = host + ":" + std::to_string(port);
  ec = RunIo(impl->ioc, [&](auto done) { impl->ws.async_handshake(res, host_port, target, done); });
  if (ec == websocket::error::upgrade_declined ||
      (!ec && res.result() != beast::http::status::switching_protocols)) {
    if (refused != nullptr) {
      refused->status = static_cast<int>(res.result_int());
      refused->body = res.body();
      refused->headers.clear();
      for (const auto& field : res) {
        refused->headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      }
    }
    return Status::Failed("upgrade refused: HTTP " + std::to_string(res.result_int()) + " " +
                          res.body());
  }
  if (ec) return Status::IOError("handshake: " + ec.message());
  lowest.expires_never();  // from here on the websocket stream's own (disabled) timeouts apply
  impl->ws.text(true);
  return std::unique_ptr<WsClient>(new WsClient(std::move(impl)));
}

Result<std::string> WsClient::Read(std::chrono::milliseconds timeout) {
  Impl& m = *impl_;
  if (m.inbox.empty() && !m.broken && !m.read_pending) m.StartRead();
  if (m.inbox.empty() && m.read_pending) {
    m.RunUntil(Clock::now() + timeout, [&m] { return !m.inbox.empty(); });
  }
  if (m.inbox.empty()) {
    if (m.broken) return Status::IOError("the connection is closed");
    return Status::Unavailable("timed out");
  }
  Result<std::string> next = std::move(m.inbox.front());
  m.inbox.pop_front();
  return next;
}

Status WsClient::Send(const std::string& text) {
  Impl& m = *impl_;
  if (m.broken) return Status::IOError("the connection is closed");
  bool done = false;
  beast::error_code result;
  m.ws.async_write(asio::buffer(text), [&](beast::error_code ec, size_t) {
    result = ec;
    done = true;
  });
  if (!m.RunUntil(Clock::now() + kSendTimeout, [&done] { return done; })) {
    m.CutAndFlush();  // completes the write (aborted) before `text` goes away
    return Status::IOError("send timed out");
  }
  if (result) return Status::IOError("send: " + result.message());
  return Status::OK();
}

void WsClient::Close() {
  Impl& m = *impl_;
  if (m.broken) return;
  bool closed = false;
  m.ws.async_close(websocket::close_reason(websocket::close_code::normal),
                   [&closed](beast::error_code) { closed = true; });
  const auto deadline = Clock::now() + kCloseTimeout;
  m.RunUntil(deadline, [&] { return closed && !m.read_pending; });
  m.CutAndFlush();
}

void WsClient::Abort() {
  if (!impl_->broken) impl_->CutAndFlush();
}

std::optional<int> WsClient::close_code() const { return impl_->close_code; }

}  // namespace sb::testing
