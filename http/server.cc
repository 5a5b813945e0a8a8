#include "http/server.h"

#include <pthread.h>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "http/http_session.h"
#include "http/server_shared.h"

namespace sb::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

// How long Stop waits for connections to finish closing by themselves (WebSocket close
// handshakes are cut after 1 s) before it stops the io_context and forces what is left.
constexpr std::chrono::seconds kStopGrace{3};
// An accept that fails for lack of resources (EMFILE, ENOBUFS) is retried after this instead of
// spinning or giving up on accepting for good.
constexpr std::chrono::milliseconds kAcceptRetry{50};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& ioc, std::shared_ptr<ServerShared> shared)
      : ioc_(ioc),
        acceptor_(asio::make_strand(ioc)),
        retry_(acceptor_.get_executor()),
        shared_(std::move(shared)) {}

  Status Listen(const tcp::endpoint& endpoint) {
    error_code ec;
    const std::string where =
        endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
    if (acceptor_.open(endpoint.protocol(), ec); ec) {
      return Status::IOError("cannot open a socket for " + where + ": " + ec.message());
    }
    acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (acceptor_.bind(endpoint, ec); ec) {
      return Status::IOError("cannot bind " + where + ": " + ec.message());
    }
    if (acceptor_.listen(asio::socket_base::max_listen_connections, ec); ec) {
      return Status::IOError("cannot listen on " + where + ": " + ec.message());
    }
    port_ = acceptor_.local_endpoint(ec).port();
    return Status::OK();
  }

  uint16_t port() const { return port_; }

  void Accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           [self = shared_from_this()](error_code ec, tcp::socket socket) {
                             self->OnAccept(ec, std::move(socket));
                           });
  }

  void Stop() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
      error_code ignored;
      self->acceptor_.close(ignored);
      self->retry_.cancel();
    });
  }

 private:
  void OnAccept(error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open()) return;
    if (ec) {
      if (ec == asio::error::operation_aborted) return;
      retry_.expires_after(kAcceptRetry);
      retry_.async_wait([self = shared_from_this()](error_code wait_ec) {
        if (!wait_ec) self->Accept();
      });
      return;
    }
    StartHttpSession(std::move(socket), shared_);
    Accept();
  }

  asio::io_context& ioc_;
  tcp::acceptor acceptor_;
  asio::steady_timer retry_;
  const std::shared_ptr<ServerShared> shared_;
  uint16_t port_ = 0;
};

}  // namespace

struct Server::Impl {
  // Declared first so that it is destroyed last, after the listener's acceptor and timer.
  std::shared_ptr<IoCore> core;
  ServerOptions options;
  std::shared_ptr<const Router> router;
  std::map<std::string, WebSocketAcceptor, std::less<>> websockets;

  std::shared_ptr<ServerShared> shared;
  std::shared_ptr<Listener> listener;
  // Keeps io_context::run from returning while the server is idle, or while every request is
  // with an actor: Responders called later from foreign threads still find running threads.
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::vector<std::thread> threads;
  uint16_t port = 0;

  std::mutex mu;  // serializes Start and Stop
  bool started = false;
  bool stopped = false;

  std::mutex exit_mu;
  std::condition_variable exit_cv;
  int running = 0;

  void RunLoop() {
    for (;;) {
      try {
        core->ioc.run();
        break;
      } catch (const std::exception& e) {
        // Every handler catches what it calls; reaching this is a bug, but one connection's
        // bug must not end the server's I/O thread.
        std::cerr << "switchboard http: exception escaped an I/O handler: " << e.what() << "\n";
      } catch (...) {
        std::cerr << "switchboard http: exception escaped an I/O handler\n";
      }
    }
    std::lock_guard lock(exit_mu);
    --running;
    exit_cv.notify_all();
  }
};

Server::Server(ServerOptions options, std::shared_ptr<const Router> router)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->router = router ? std::move(router) : std::make_shared<const Router>();
}

Server::~Server() { Stop(); }

void Server::AddWebSocket(std::string path, WebSocketAcceptor acceptor) {
  std::lock_guard lock(impl_->mu);
  if (impl_->started) return;  // documented: before Start
  impl_->websockets[std::move(path)] = std::move(acceptor);
}

Status Server::Start() {
  Impl& m = *impl_;
  std::lock_guard lock(m.mu);
  if (m.started || m.stopped) return Status::Failed("the server was already started");
  if (m.options.threads < 1) return Status::InvalidArgument("threads must be at least 1");
  if (m.options.ws_send_queue_limit < 1) {
    return Status::InvalidArgument("ws_send_queue_limit must be at least 1");
  }
  if (m.options.request_timeout.count() <= 0 || m.options.ws_idle_timeout.count() <= 0) {
    return Status::InvalidArgument("request_timeout and ws_idle_timeout must be positive");
  }
  if (m.options.body_limit == 0) return Status::InvalidArgument("body_limit must be positive");
  error_code ec;
  const auto address = asio::ip::make_address(m.options.address, ec);
  if (ec) return Status::InvalidArgument("not an IP address: '" + m.options.address + "'");

  m.core = std::make_shared<IoCore>(m.options.threads);
  m.shared = std::make_shared<ServerShared>();
  m.shared->options = m.options;
  m.shared->router = m.router;
  m.shared->websockets = m.websockets;
  m.shared->core = m.core;
  m.listener = std::make_shared<Listener>(m.core->ioc, m.shared);
  if (Status s = m.listener->Listen(tcp::endpoint(address, m.options.port)); !s.ok()) {
    m.listener.reset();
    return s;
  }
  m.port = m.listener->port();
  m.work.emplace(m.core->ioc.get_executor());
  m.listener->Accept();
  m.running = m.options.threads;
  for (int i = 0; i < m.options.threads; ++i)
    m.threads.emplace_back([&m] {
      pthread_setname_np(pthread_self(), "sb-http");
      m.RunLoop();
    });
  m.started = true;
  return Status::OK();
}

uint16_t Server::port() const { return impl_->port; }

void Server::Stop() {
  Impl& m = *impl_;
  std::lock_guard lock(m.mu);
  if (m.stopped) return;
  m.stopped = true;
  if (!m.started) return;

  m.listener->Stop();
  for (auto& connection : m.shared->registry.StopAndList()) connection->Shutdown();
  m.work.reset();
  {
    std::unique_lock exit_lock(m.exit_mu);
    m.exit_cv.wait_for(exit_lock, kStopGrace, [&m] { return m.running == 0; });
  }
  m.core->ioc.stop();
  for (auto& t : m.threads) t.join();
  m.threads.clear();
  // Whatever did not finish closing in time (its handlers will never run now).
  for (auto& connection : m.shared->registry.List()) connection->ForceClosed();
}

}  // namespace sb::http
