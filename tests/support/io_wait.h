// RunIo: one asynchronous operation run to completion on a private io_context. The synchronous
// test clients use Beast's async operations this way because beast::tcp_stream applies its
// timeouts only to asynchronous operations. Internal to tests/support (includes Asio).
#ifndef SWITCHBOARD_TESTS_SUPPORT_IO_WAIT_H_
#define SWITCHBOARD_TESTS_SUPPORT_IO_WAIT_H_

#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>

namespace sb::testing {

// `initiate(handler)` starts the operation with `handler` as its completion handler.
template <class Initiate>
boost::system::error_code RunIo(boost::asio::io_context& ioc, Initiate initiate) {
  boost::system::error_code result;
  bool done = false;
  initiate([&result, &done](boost::system::error_code ec, auto&&...) {
    result = ec;
    done = true;
  });
  ioc.restart();
  while (!done && ioc.run_one() > 0) {
  }
  ioc.poll();  // the operation's cancelled timer wait, if any
  return result;
}

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_SUPPORT_IO_WAIT_H_
