// Decoders for checking what the builders put on the wire, written independently of the
// library's encoders (so an encoder bug cannot cancel itself out): percent-decoding, form and
// query splitting, Base64 (OpenSSL) and Basic credentials.
#ifndef SWITCHBOARD_TESTS_PROVIDERS_WIRE_DECODE_H_
#define SWITCHBOARD_TESTS_PROVIDERS_WIRE_DECODE_H_

#include <openssl/evp.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sb::testing {

inline int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  throw std::runtime_error("bad hex digit");
}

// Strict: '+' stays '+' (the encoder must send %2B for a plus and %20 for a space).
inline std::string PercentDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size()) throw std::runtime_error("truncated %XX");
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

using Fields = std::vector<std::pair<std::string, std::string>>;

// "a=1&b=2" -> {{"a","1"},{"b","2"}}, decoded, in order.
inline Fields DecodeForm(const std::string& body) {
  Fields out;
  size_t pos = 0;
  while (pos <= body.size() && !body.empty()) {
    size_t amp = body.find('&', pos);
    if (amp == std::string::npos) amp = body.size();
    const std::string pair = body.substr(pos, amp - pos);
    const size_t eq = pair.find('=');
    if (eq == std::string::npos) throw std::runtime_error("form pair without '=': " + pair);
    out.emplace_back(PercentDecode(pair.substr(0, eq)), PercentDecode(pair.substr(eq + 1)));
    pos = amp + 1;
    if (amp == body.size()) break;
  }
  return out;
}

// Every value of `name`, in order.
inline std::vector<std::string> Values(const Fields& fields, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& [n, v] : fields) {
    if (n == name) out.push_back(v);
  }
  return out;
}

// The single value of `name` ("<missing>" / "<repeated>" otherwise, so a REQUIRE shows why).
inline std::string Value(const Fields& fields, const std::string& name) {
  auto v = Values(fields, name);
  if (v.empty()) return "<missing>";
  if (v.size() > 1) return "<repeated>";
  return v[0];
}

inline std::string Base64Decode(const std::string& in) {
  std::string out(in.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()),
                                static_cast<int>(in.size()));
  if (n < 0) throw std::runtime_error("bad base64");
  size_t len = static_cast<size_t>(n);
  // EVP_DecodeBlock counts the padding as zero bytes.
  if (!in.empty() && in.back() == '=') --len;
  if (in.size() > 1 && in[in.size() - 2] == '=') --len;
  out.resize(len);
  return out;
}

// "Basic xyz" -> "user:password".
inline std::string DecodeBasic(const std::string& header) {
  if (header.rfind("Basic ", 0) != 0) throw std::runtime_error("not Basic: " + header);
  return Base64Decode(header.substr(6));
}

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_PROVIDERS_WIRE_DECODE_H_
