#include "eventstore/keys.h"

namespace sb::es {

std::string EncodeBigEndian64(uint64_t v) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i, v >>= 8) out[i] = static_cast<char>(v & 0xff);
  return out;
}

uint64_t DecodeBigEndian64(std::string_view bytes) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[i]);
  return v;
}

std::string PositionKey(uint64_t position) { return EncodeBigEndian64(position); }

std::string StreamIndexPrefix(std::string_view stream) {
  std::string key(stream);
  key.push_back('\0');
  return key;
}

std::string StreamIndexKey(std::string_view stream, uint64_t version) {
  return StreamIndexPrefix(stream) + EncodeBigEndian64(version);
}

bool ParseStreamIndexKey(std::string_view key, std::string_view* stream, uint64_t* version) {
  if (key.size() < 10 || key[key.size() - 9] != '\0') return false;
  *stream = key.substr(0, key.size() - 9);
  *version = DecodeBigEndian64(key.substr(key.size() - 8));
  return true;
}

std::string EventIdKey(const EventId& id) {
  return std::string(reinterpret_cast<const char*>(id.data), 16);
}

}  // namespace sb::es
