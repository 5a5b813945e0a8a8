// StreamTable<T>: a folder's entries by stream name, built for the lookup a rebuild makes for
// every event. std::unordered_map<std::string, T> costs about four dependent cache misses per
// lookup once it outgrows the caches (bucket, the node before, the node, the key's characters
// elsewhere on the heap): in a profile of `rebuild --all` that was the largest single cost of
// folding call_sessions. Here a flat array of (hash, entry) slots is probed linearly and the
// entry keeps short names inline, so a hit touches one slot and the entry it returns.
//
// Entries never move (a deque), so pointers to them stay valid until Clear().
#ifndef SWITCHBOARD_PROJECTIONS_STREAM_TABLE_H_
#define SWITCHBOARD_PROJECTIONS_STREAM_TABLE_H_

#include <cassert>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sb::projections {

template <class T>
class StreamTable {
 public:
  // The entry for `stream`, or nullptr.
  T* Find(std::string_view stream) {
    if (slots_.empty()) return nullptr;
    const uint64_t hash = Hash(stream);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.entry == nullptr) return nullptr;
      if (slot.hash == hash && slot.entry->name.view() == stream) return &slot.entry->value;
    }
  }

  // Adds `stream`, which must not be present.
  T& Insert(std::string_view stream, T value) {
    assert(Find(stream) == nullptr);
    if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
    Entry& entry = entries_.emplace_back(stream, std::move(value));
    Place(Hash(stream), &entry);
    return entry.value;
  }

  size_t size() const { return entries_.size(); }

  void Clear() {
    entries_.clear();
    slots_.clear();
    mask_ = 0;
  }

 private:
  // A name kept in the entry itself when it fits (stream names are "<tenant>/<kind>/<id>",
  // usually under 56 characters), on the heap otherwise.
  class Name {
   public:
    explicit Name(std::string_view s) : size_(s.size()) {
      if (s.size() <= sizeof inline_) {
        std::memcpy(inline_, s.data(), s.size());
      } else {
        heap_.assign(s);
      }
    }
    std::string_view view() const {
      return size_ <= sizeof inline_ ? std::string_view(inline_, size_) : std::string_view(heap_);
    }

   private:
    char inline_[56];
    size_t size_;
    std::string heap_;
  };
  struct Entry {
    Entry(std::string_view stream, T v) : name(stream), value(std::move(v)) {}
    Name name;
    T value;
  };
  struct Slot {
    uint64_t hash = 0;
    Entry* entry = nullptr;
  };

  static uint64_t Hash(std::string_view s) { return std::hash<std::string_view>()(s); }

  void Place(uint64_t hash, Entry* entry) {
    size_t i = hash & mask_;
    while (slots_[i].entry != nullptr) i = (i + 1) & mask_;
    slots_[i] = Slot{hash, entry};
  }

  // Doubles the slots (at most half of them full, so probes stay short).
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.entry != nullptr) Place(slot.hash, slot.entry);
    }
  }

  std::deque<Entry> entries_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_STREAM_TABLE_H_
