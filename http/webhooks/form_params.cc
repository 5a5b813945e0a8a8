#include "http/webhooks/form_params.h"

#include <algorithm>

namespace sb::webhooks {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes body[begin, end) into `out`; false (with the escape's offset) on a bad escape.
bool DecodeComponent(std::string_view body, size_t begin, size_t end, std::string* out,
                     size_t* bad_offset) {
  out->clear();
  out->reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    const char c = body[i];
    if (c == '+') {
      out->push_back(' ');
    } else if (c != '%') {
      out->push_back(c);
    } else {
      const int hi = i + 1 < end ? HexValue(body[i + 1]) : -1;
      const int lo = i + 2 < end ? HexValue(body[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        *bad_offset = i;
        return false;
      }
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    }
  }
  return true;
}

}  // namespace

Result<FormParams> DecodeForm(std::string_view body) {
  FormParams out;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t amp = body.find('&', pos);
    if (amp == std::string_view::npos) amp = body.size();
    if (amp > pos) {
      const size_t eq = body.find('=', pos);
      const size_t name_end = eq < amp ? eq : amp;
      const size_t value_begin = eq < amp ? eq + 1 : amp;
      std::string name;
      std::string value;
      size_t bad = 0;
      if (!DecodeComponent(body, pos, name_end, &name, &bad) ||
          !DecodeComponent(body, value_begin, amp, &value, &bad)) {
        return Status::InvalidArgument("form: bad %-escape at byte " + std::to_string(bad));
      }
      out.emplace_back(std::move(name), std::move(value));
    }
    pos = amp + 1;
  }
  return out;
}

std::vector<std::string_view> FormValues(const FormParams& params, std::string_view name) {
  std::vector<std::string_view> out;
  for (const auto& [n, v] : params) {
    if (n == name) out.emplace_back(v);
  }
  return out;
}

Result<std::optional<std::string>> SingleFormValue(const FormParams& params,
                                                   std::string_view name) {
  const std::vector<std::string_view> values = FormValues(params, name);
  if (values.size() > 1) return Status::InvalidArgument(std::string(name) + ": repeated");
  if (values.empty()) return std::optional<std::string>();
  return std::optional<std::string>(std::string(values.front()));
}

std::vector<std::pair<std::string_view, std::string_view>> SortedForSigning(
    const FormParams& params) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  out.reserve(params.size());
  for (const auto& [n, v] : params) out.emplace_back(n, v);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace sb::webhooks
