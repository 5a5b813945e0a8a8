#include "http/websocket_session.h"

#include <deque>
#include <optional>
#include <string>
#include <utility>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

namespace sb::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using Clock = std::chrono::steady_clock;

// Time for the opening handshake (the 101 answer) and for a peer to answer our close frame.
constexpr std::chrono::seconds kHandshakeTimeout{5};
// Once we start a close, the TCP connection is cut if the close handshake has not completed
// within this (a slow or dead client must not hold Stop or a full queue's memory).
constexpr std::chrono::seconds kCloseGrace{1};

class WsSession;

class Peer : public WebSocketPeer {
 public:
  Peer(std::shared_ptr<IoCore> core, std::weak_ptr<WsSession> session, uint64_t id)
      : core_(std::move(core)), session_(std::move(session)), id_(std::to_string(id)) {}
  void Send(std::string text) override;
  void Close() override;
  std::string id() const override { return id_; }

 private:
  std::shared_ptr<IoCore> core_;  // first member: keeps the context alive while we post
  std::weak_ptr<WsSession> session_;
  const std::string id_;
};

class WsSession : public Connection, public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(beast::tcp_stream stream, std::shared_ptr<WebSocketSession> app,
            std::shared_ptr<ServerShared> shared, uint64_t id)
      : strand_(stream.get_executor()),
        ws_(std::move(stream)),
        close_timer_(strand_),
        app_(std::move(app)),
        shared_(std::move(shared)),
        id_(id) {}

  ~WsSession() override {
    shared_->registry.Remove(id_);
    // Unreachable when the completion handlers ran (Finish) or Stop forced the close; kept so
    // that OnClose stays exactly-once-after-OnOpen whatever destroys the session.
    if (opened_ && !finished_ && app_) {
      try {
        app_->OnClose();
      } catch (...) {
      }
    }
  }

  void Run(UpgradeRequest upgrade) {
    upgrade_ = std::move(upgrade);
    ws_.set_option(
        websocket::stream_base::timeout{kHandshakeTimeout, shared_->options.ws_idle_timeout, true});
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(beast::http::field::server, "switchboard"); }));
    ws_.read_message_max(shared_->options.body_limit);
    ws_.text(true);
    ws_.async_accept(upgrade_->message,
                     beast::bind_front_handler(&WsSession::OnAccept, shared_from_this()));
  }

  // Thread-safe entry points (from the peer, from Stop).
  void Send(std::string text) {
    asio::post(strand_, [self = shared_from_this(), text = std::move(text)]() mutable {
      self->Enqueue(std::move(text));
    });
  }

  void CloseNormally() {
    asio::post(strand_,
               [self = shared_from_this()] { self->StartClose(websocket::close_code::normal); });
  }

  void Shutdown() override {
    asio::post(strand_, [self = shared_from_this()] {
      if (self->opened_) {
        self->StartClose(websocket::close_code::going_away);
      } else {
        beast::get_lowest_layer(self->ws_).close();  // the handshake fails; no OnOpen
      }
    });
  }

  // After the I/O threads are joined (no handler can run concurrently).
  void ForceClosed() override { Finish(); }

 private:
  void OnAccept(beast::error_code ec) {
    if (ec) {
      Finish();
      return;
    }
    Report();
    opened_ = true;
    auto peer = std::make_shared<Peer>(shared_->core.lock(), weak_from_this(), id_);
    try {
      app_->OnOpen(std::move(peer));
    } catch (...) {
      StartClose(websocket::close_code::internal_error);
    }
    DoRead();
  }

  void Report() {
    const auto& hook = shared_->options.on_response;
    if (hook) {
      const double seconds = std::chrono::duration<double>(Clock::now() - upgrade_->start).count();
      try {
        hook(upgrade_->request, upgrade_->request.path, 101, seconds);
      } catch (...) {
      }
    }
    upgrade_.reset();
  }

  void DoRead() {
    ws_.async_read(buffer_, beast::bind_front_handler(&WsSession::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t /*bytes*/) {
    if (ec) {  // closed by the client, timed out (dead peer), cut, or too large a message
      Finish();
      return;
    }
    std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    // After a close started, keep reading (Beast needs it to see the peer's close frame) but
    // tell the application nothing more.
    if (!closing_ && app_) {
      try {
        app_->OnMessage(std::move(text));
      } catch (...) {
        StartClose(websocket::close_code::internal_error);
      }
    }
    DoRead();
  }

  void Enqueue(std::string text) {
    if (finished_ || closing_) return;
    if (queue_.size() >= shared_->options.ws_send_queue_limit) {
      StartClose(websocket::close_code::policy_error);
      return;
    }
    queue_.push_back(std::move(text));
    if (!writing_) DoWrite();
  }

  void DoWrite() {
    writing_ = true;
    ws_.async_write(asio::buffer(queue_.front()),
                    beast::bind_front_handler(&WsSession::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, size_t /*bytes*/) {
    writing_ = false;
    if (!queue_.empty()) queue_.pop_front();  // the frame just written (empty after Finish)
    if (ec) {
      Finish();
      return;
    }
    if (closing_ || finished_) {
      queue_.clear();
      return;
    }
    if (!queue_.empty()) DoWrite();
  }

  // Sends a close frame after the frame in flight, drops the rest of the queue, and cuts the
  // connection if the peer has not completed the close handshake within kCloseGrace. The read
  // loop ends with the handshake (or the cut) and calls Finish.
  void StartClose(websocket::close_code code) {
    if (closing_ || finished_) return;
    closing_ = true;
    if (writing_) {
      queue_.erase(queue_.begin() + 1, queue_.end());  // the front is being written
    } else {
      queue_.clear();
    }
    ws_.async_close(websocket::close_reason(code),
                    [self = shared_from_this()](beast::error_code ec) {
                      if (ec) self->Finish();
                    });
    close_timer_.expires_after(kCloseGrace);
    close_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec && !self->finished_) beast::get_lowest_layer(self->ws_).close();
    });
  }

  // The connection is over: close the socket, stop the timer, tell the application once.
  void Finish() {
    if (finished_) return;
    finished_ = true;
    closing_ = true;
    close_timer_.cancel();
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).close();
    if (!writing_) queue_.clear();
    upgrade_.reset();
    // Released before the call returns: the application's session (and through it its peer and
    // the io_context) must not stay referenced by a finished connection.
    std::shared_ptr<WebSocketSession> app = std::move(app_);
    if (opened_ && app) {
      try {
        app->OnClose();
      } catch (...) {
      }
    }
  }

  const asio::any_io_executor strand_;
  websocket::stream<beast::tcp_stream> ws_;
  asio::steady_timer close_timer_;
  std::shared_ptr<WebSocketSession> app_;
  const std::shared_ptr<ServerShared> shared_;
  const uint64_t id_;

  std::optional<UpgradeRequest> upgrade_;  // until the handshake is done
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;  // front: the frame being written while writing_
  bool writing_ = false;
  bool opened_ = false;   // OnOpen was called
  bool closing_ = false;  // no more frames out, no more messages to the application
  bool finished_ = false;
};

void Peer::Send(std::string text) {
  if (auto session = session_.lock()) session->Send(std::move(text));
}

void Peer::Close() {
  if (auto session = session_.lock()) session->CloseNormally();
}

}  // namespace

void StartWebSocketSession(beast::tcp_stream stream, UpgradeRequest upgrade,
                           std::shared_ptr<WebSocketSession> app,
                           std::shared_ptr<ServerShared> shared) {
  const uint64_t id = NextConnectionId();
  auto session = std::make_shared<WsSession>(std::move(stream), std::move(app), shared, id);
  if (!shared->registry.Add(id, session)) return;  // stopping: closes with the session
  session->Run(std::move(upgrade));
}

}  // namespace sb::http
