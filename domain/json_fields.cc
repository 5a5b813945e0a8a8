#include "domain/json_fields.h"

#include <limits>

namespace sb::domain::json {

Status ParsedObject::Parse(std::string_view text) {
  boost::system::error_code ec;
  value_ = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec, &resource_);
  if (ec) return Status::Corruption("malformed JSON: " + ec.message());
  if (!value_.is_object()) return Status::Corruption("JSON payload is not an object");
  return Status::OK();
}

const boost::json::value* Reader::Find(std::string_view key, Presence p) {
  if (!ok()) return nullptr;
  const boost::json::string_view wanted(key.data(), key.size());
  // Decoders read fields in the order the encoders wrote them, so the member after the last
  // one found is nearly always the one asked for: checking it first spares the hash lookup.
  auto it = object_.end();
  if (next_ < object_.size() && object_.begin()[next_].key() == wanted) {
    it = object_.begin() + next_;
  } else {
    it = object_.find(wanted);
  }
  if (it != object_.end()) next_ = static_cast<size_t>(it - object_.begin()) + 1;
  if (it == object_.end() || it->value().is_null()) {
    if (p == Presence::kRequired) Fail(std::string(key) + ": missing");
    return nullptr;
  }
  return &it->value();
}

void Reader::Fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
}

Status Reader::status() const { return ok() ? Status::OK() : Status::Corruption(error_); }

bool Reader::Lookup(std::string_view key, Presence p, std::string* out) {
  const boost::json::value* v = Find(key, p);
  if (v == nullptr) return false;
  const boost::json::string* s = v->if_string();
  if (s == nullptr) {
    Fail(std::string(key) + ": not a string");
    return false;
  }
  out->assign(s->data(), s->size());
  return true;
}

void Reader::String(std::string_view key, std::string* out, Presence p) { Lookup(key, p, out); }

void Reader::Int(std::string_view key, int64_t* out, Presence p) {
  const boost::json::value* v = Find(key, p);
  if (v == nullptr) return;
  boost::system::error_code ec;
  const int64_t n = v->to_number<int64_t>(ec);
  if (ec || v->is_double()) {
    Fail(std::string(key) + ": not an integer");
    return;
  }
  *out = n;
}

void Reader::Int(std::string_view key, int* out, Presence p) {
  int64_t n = *out;
  Int(key, &n, p);
  if (!ok()) return;
  if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max()) {
    Fail(std::string(key) + ": out of range");
    return;
  }
  *out = static_cast<int>(n);
}

void Reader::Bool(std::string_view key, bool* out, Presence p) {
  const boost::json::value* v = Find(key, p);
  if (v == nullptr) return;
  if (const bool* b = v->if_bool()) {
    *out = *b;
  } else {
    Fail(std::string(key) + ": not a boolean");
  }
}

void Reader::Time(std::string_view key, Timestamp* out, Presence p) {
  std::string text;
  if (!Lookup(key, p, &text)) return;
  Result<Timestamp> t = ParseTimestamp(text);
  if (!t.ok()) {
    Fail(std::string(key) + ": " + t.status().message());
    return;
  }
  *out = *t;
}

void Reader::Time(std::string_view key, std::optional<Timestamp>* out) {
  if (Find(key, Presence::kOptional) == nullptr) return;
  Timestamp t = 0;
  Time(key, &t, Presence::kRequired);
  if (ok()) *out = t;
}

void Reader::StringSet(std::string_view key, std::set<std::string>* out, Presence p) {
  const boost::json::value* v = Find(key, p);
  if (v == nullptr) return;
  const boost::json::array* a = v->if_array();
  if (a == nullptr) {
    Fail(std::string(key) + ": not an array");
    return;
  }
  std::set<std::string> items;
  for (const boost::json::value& item : *a) {
    const boost::json::string* s = item.if_string();
    if (s == nullptr) {
      Fail(std::string(key) + ": not an array of strings");
      return;
    }
    items.emplace(s->data(), s->size());
  }
  *out = std::move(items);
}

void Reader::IntMap(std::string_view key, std::map<std::string, int>* out, Presence p) {
  const boost::json::value* v = Find(key, p);
  if (v == nullptr) return;
  const boost::json::object* o = v->if_object();
  if (o == nullptr) {
    Fail(std::string(key) + ": not an object");
    return;
  }
  std::map<std::string, int> items;
  for (const auto& [name, level] : *o) {
    boost::system::error_code ec;
    const int64_t n = level.to_number<int64_t>(ec);
    if (ec || level.is_double() || n < std::numeric_limits<int>::min() ||
        n > std::numeric_limits<int>::max()) {
      Fail(std::string(key) + ": values must be integers");
      return;
    }
    items.emplace(std::string(name.data(), name.size()), static_cast<int>(n));
  }
  *out = std::move(items);
}

void Reader::ObjectText(std::string_view key, std::string* out, Presence p) {
  const boost::json::value* v = Find(key, p);
  if (v == nullptr) return;
  if (!v->is_object()) {
    Fail(std::string(key) + ": not an object");
    return;
  }
  *out = boost::json::serialize(*v);
}

void PutTime(boost::json::object& o, std::string_view key, Timestamp t) {
  o[boost::json::string_view(key.data(), key.size())] = FormatTimestamp(t);
}

void PutTime(boost::json::object& o, std::string_view key, const std::optional<Timestamp>& t) {
  boost::json::string_view k(key.data(), key.size());
  if (t) {
    o[k] = FormatTimestamp(*t);
  } else {
    o[k] = nullptr;
  }
}

void PutOptionalString(boost::json::object& o, std::string_view key, const std::string& s) {
  boost::json::string_view k(key.data(), key.size());
  if (s.empty()) {
    o[k] = nullptr;
  } else {
    o[k] = s;
  }
}

boost::json::array ToArray(const std::set<std::string>& items) {
  boost::json::array a;
  a.reserve(items.size());
  for (const std::string& item : items) a.emplace_back(item);
  return a;
}

boost::json::object ToObject(const std::map<std::string, int>& items) {
  boost::json::object o;
  for (const auto& [name, level] : items) o[name] = level;
  return o;
}

boost::json::value ObjectFromText(const std::string& text) {
  if (text.empty()) return boost::json::object();
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return boost::json::object();
  return v;
}

void ReadObject(Reader& r, std::string_view key, const std::function<void(Reader&)>& read_object,
                Presence p) {
  const boost::json::value* v = r.Find(key, p);
  if (v == nullptr) return;
  const boost::json::object* o = v->if_object();
  if (o == nullptr) return r.Fail(std::string(key) + ": not an object");
  Reader inner(*o);
  read_object(inner);
  if (!inner.ok()) r.Fail(std::string(key) + ": " + inner.status().message());
}

void ReadObjects(Reader& r, std::string_view key, const std::function<void(Reader&)>& read_object) {
  const boost::json::value* v = r.Find(key, Presence::kOptional);
  if (v == nullptr) return;
  const boost::json::array* a = v->if_array();
  if (a == nullptr) return r.Fail(std::string(key) + ": not an array");
  for (const boost::json::value& item : *a) {
    const boost::json::object* o = item.if_object();
    if (o == nullptr) return r.Fail(std::string(key) + ": not an array of objects");
    Reader inner(*o);
    read_object(inner);
    if (!inner.ok()) return r.Fail(std::string(key) + ": " + inner.status().message());
  }
}

}  // namespace sb::domain::json
