#pragma once
// Requests that wait in the transport for a slot of their group (HttpRequest::slotGroup): a group has at most
// slotLimit requests open, and as one ends the next waiting one starts, on the transport's own thread, without a
// round trip through the caller's. The run engine hands over a model's next requests before slots free up, so
// that at its cap the network thread never sleeps waiting for the window's thread to send the next one.
//
// Not thread-safe: the transport keeps it under its own lock.

#include "transport/HttpExchange.h"

#include <deque>
#include <unordered_map>
#include <vector>

namespace tierlens {

class SlotQueues
{
public:
    // The request starts now (appended to startNow) or waits for a slot of its group, behind the others unless it
    // is urgent. A request without a group always starts. The group's limit is the one its newest request carries.
    void add(HttpRequest&& request, std::vector<HttpRequest>* startNow);
    // A started request of the group ended: waiting ones take the free slots. After an answer that refuses the key or
    // the account (stopsModelAtOnce), which every other request of the group would get too, the group holds what
    // waits instead, until the next add() to it or a withdrawal: the caller decides.
    void ended(int group, ErrorClass how, std::vector<HttpRequest>* startNow);
    // Takes waiting requests back: one by its tag (false when it is not waiting), or all of them.
    bool withdraw(quint64 tag, std::vector<HttpRequest>* withdrawn);
    void withdrawAll(std::vector<HttpRequest>* withdrawn);
    int waiting() const { return m_waiting; }

private:
    struct Group
    {
        int limit = 1;
        int open = 0;
        bool held = false;
        std::deque<HttpRequest> waiting;
    };
    void fill(Group& group, std::vector<HttpRequest>* startNow);

    std::unordered_map<int, Group> m_groups;
    int m_waiting = 0;
};

// The report of a request that never went out (withdrawn while it waited for a slot).
HttpExchange withdrawnExchange(const HttpRequest& request);

} // namespace tierlens
