#include "bench/ws_swarm.h"

#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

namespace sb::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;

struct Console {
  explicit Console(asio::io_context& ioc) : ws(ioc) {}
  websocket::stream<tcp::socket> ws;
  beast::flat_buffer buffer;
};

}  // namespace

struct WsSwarm::Impl {
  asio::io_context ioc;  // first: outlives the consoles and their pending reads
  std::vector<std::unique_ptr<Console>> consoles;
  OnMessage on_message;
  std::thread reader;

  void Read(size_t i) {
    Console& c = *consoles[i];
    c.ws.async_read(c.buffer, [this, i](beast::error_code ec, size_t) {
      if (ec) return;  // closed: the bench counts what did not arrive
      Console& c = *consoles[i];
      const auto data = c.buffer.cdata();
      on_message(i, std::string_view(static_cast<const char*>(data.data()), data.size()));
      c.buffer.consume(c.buffer.size());
      Read(i);
    });
  }
};

Result<std::unique_ptr<WsSwarm>> WsSwarm::Connect(uint16_t port,
                                                  const std::vector<std::string>& targets,
                                                  OnMessage on_message) {
  auto impl = std::make_unique<Impl>();
  impl->on_message = std::move(on_message);
  const tcp::endpoint server(asio::ip::make_address("127.0.0.1"), port);
  for (size_t i = 0; i < targets.size(); ++i) {
    auto console = std::make_unique<Console>(impl->ioc);
    beast::error_code ec;
    console->ws.next_layer().connect(server, ec);
    if (!ec) console->ws.handshake("127.0.0.1", targets[i], ec);
    if (ec) {
      return Status::IOError("console " + std::to_string(i) +
                             " could not connect: " + ec.message());
    }
    impl->consoles.push_back(std::move(console));
  }
  for (size_t i = 0; i < impl->consoles.size(); ++i) impl->Read(i);
  Impl* raw = impl.get();
  impl->reader = std::thread([raw] { raw->ioc.run(); });
  return std::unique_ptr<WsSwarm>(new WsSwarm(std::move(impl)));
}

WsSwarm::WsSwarm(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

WsSwarm::~WsSwarm() {
  impl_->ioc.stop();
  impl_->reader.join();
}

}  // namespace sb::bench
