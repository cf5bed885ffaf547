package web_test

import (
	"context"
	"testing"
)

// TestClient_FeedStatuses: the route exists and a daemon without feeds
// answers an empty list, not null, so scripts can iterate it. What the
// statuses hold is tracker's TestService_FeedStatuses.
func TestClient_FeedStatuses(t *testing.T) {
	c, _, _ := newAPI(t)
	feeds, err := c.FeedStatuses(context.Background())
	if err != nil || feeds == nil || len(feeds) != 0 {
		t.Fatalf("feeds of a daemon without feeds: %#v, %v; want an empty list", feeds, err)
	}
}
