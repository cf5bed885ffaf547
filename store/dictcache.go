package store

import (
	"container/list"
	"sync"
)

// dictCache keeps decoded dictionaries, least recently used out first,
// within a byte budget, so a crawl over a few hundred hosts decodes each
// host's dictionary once and a newsroom group's thousands cannot grow
// the heap without bound. Decoders themselves stay pooled in codec: a
// raw dictionary has no tables to build, so switching a decoder to one
// costs nothing that a decoder per dictionary would save.
type dictCache struct {
	mu      sync.Mutex
	max     int
	size    int
	lru     *list.List // of *dictEntry, most recent first
	entries map[uint64]*list.Element
}

type dictEntry struct {
	id   uint64
	dict []byte
}

func newDictCache(max int) *dictCache {
	return &dictCache{max: max, lru: list.New(), entries: map[uint64]*list.Element{}}
}

func (c *dictCache) get(id uint64) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[id]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(e)
	return e.Value.(*dictEntry).dict, true
}

func (c *dictCache) put(id uint64, dict []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[id]; ok || len(dict) > c.max {
		return
	}
	c.entries[id] = c.lru.PushFront(&dictEntry{id: id, dict: dict})
	c.size += len(dict)
	for c.size > c.max {
		old := c.lru.Back()
		e := old.Value.(*dictEntry)
		c.lru.Remove(old)
		delete(c.entries, e.id)
		c.size -= len(e.dict)
	}
}

// len reports how many dictionaries are cached, for tests.
func (c *dictCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}
