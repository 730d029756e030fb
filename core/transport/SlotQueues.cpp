#include "SlotQueues.h"

#include <algorithm>

namespace tierlens {

void SlotQueues::add(HttpRequest&& request, std::vector<HttpRequest>* startNow)
{
    if (request.slotGroup < 0) {
        startNow->push_back(std::move(request));
        return;
    }
    Group& group = m_groups[request.slotGroup];
    group.limit = std::max(request.slotLimit, 1);
    group.held = false;
    if (request.urgent)
        group.waiting.push_front(std::move(request));
    else
        group.waiting.push_back(std::move(request));
    ++m_waiting;
    fill(group, startNow);
}

void SlotQueues::ended(int group, ErrorClass how, std::vector<HttpRequest>* startNow)
{
    if (group < 0)
        return;
    const auto it = m_groups.find(group);
    if (it == m_groups.end())
        return;
    it->second.open = std::max(it->second.open - 1, 0);
    if (stopsModelAtOnce(how))
        it->second.held = true;
    fill(it->second, startNow);
}

void SlotQueues::fill(Group& group, std::vector<HttpRequest>* startNow)
{
    while (!group.held && group.open < group.limit && !group.waiting.empty()) {
        startNow->push_back(std::move(group.waiting.front()));
        group.waiting.pop_front();
        ++group.open;
        --m_waiting;
    }
}

bool SlotQueues::withdraw(quint64 tag, std::vector<HttpRequest>* withdrawn)
{
    for (auto& [id, group] : m_groups) {
        const auto it = std::find_if(group.waiting.begin(), group.waiting.end(),
                                     [tag](const HttpRequest& r) { return r.tag == tag; });
        if (it != group.waiting.end()) {
            withdrawn->push_back(std::move(*it));
            group.waiting.erase(it);
            --m_waiting;
            return true;
        }
    }
    return false;
}

void SlotQueues::withdrawAll(std::vector<HttpRequest>* withdrawn)
{
    for (auto& [id, group] : m_groups) {
        for (HttpRequest& r : group.waiting)
            withdrawn->push_back(std::move(r));
        group.waiting.clear();
        group.held = false;
    }
    m_waiting = 0;
}

HttpExchange withdrawnExchange(const HttpRequest& request)
{
    HttpExchange ex;
    ex.tag = request.tag;
    ex.withdrawn = true;
    ex.outcome.error = ErrorClass::Cancelled;
    return ex;
}

} // namespace tierlens
