#include "reconcile/linetable.h"

namespace billing::linetable {

qint32 Names::id(const QString &s)
{
    Recent &r = m_recent[(quintptr(s.constData()) >> 4) % m_recent.size()];
    if (r.id >= 0 && r.text.constData() == s.constData() && r.text.size() == s.size())
        return r.id;
    auto it = m_ids.constFind(s);
    qint32 id = 0;
    if (it != m_ids.constEnd()) {
        id = *it;
    } else {
        id = qint32(m_names.size());
        m_names.push_back(s);
        m_ids.insert(s, id);
    }
    r.text = s;
    r.id = id;
    return id;
}

LineId Names::idOf(const BillLineKey &k)
{
    LineId id;
    id.hour = k.hour;
    id.api = this->id(k.api);
    id.region = this->id(k.region);
    id.mode = this->id(k.mode);
    id.project = k.project ? this->id(*k.project) : -1;
    return id;
}

BillLineKey Names::keyOf(const QString &month, const LineId &id) const
{
    BillLineKey k;
    k.month = month;
    k.hour = id.hour;
    k.api = name(id.api);
    k.region = name(id.region);
    k.mode = name(id.mode);
    if (id.project >= 0)
        k.project = name(id.project);
    return k;
}

void ProviderLines::add(const BillLineKey &k, const LineFigures &f)
{
    if (!m_last || k.month != m_lastMonth) {
        m_lastMonth = k.month;
        m_last = &m_months[k.month];
    }
    m_last->lines[m_names.idOf(k)] += f;
    m_last->allHours = m_last->allHours && k.hour != kNoHour;
    m_last->allProjects = m_last->allProjects && k.project.has_value();
}

LineMap ProviderLines::atGrain(const QString &month, bool byHour, bool byProject) const
{
    LineMap out;
    auto it = m_months.find(month);
    if (it == m_months.end())
        return out;
    if (byHour && byProject) {
        out = it->second.lines;
    } else {
        it->second.lines.forEach([&](const LineId &k, const LineFigures &f) {
            LineId c = k;
            if (!byHour)
                c.hour = kNoHour;
            if (!byProject)
                c.project = -1;
            out[c] += f;
        });
    }
    out.dropZero();
    return out;
}

LineFigures &LineMap::operator[](const LineId &k)
{
    if ((m_size + 1) * 4 > m_slots.size() * 3)
        grow();
    const size_t mask = m_slots.size() - 1;
    for (size_t i = LineIdHash()(k) & mask;; i = (i + 1) & mask) {
        Slot &s = m_slots[i];
        if (!s.used()) {
            s.key = k;
            ++m_size;
            return s.figures;
        }
        if (s.key == k)
            return s.figures;
    }
}

const LineFigures *LineMap::find(const LineId &k) const
{
    if (m_slots.empty())
        return nullptr;
    const size_t mask = m_slots.size() - 1;
    for (size_t i = LineIdHash()(k) & mask;; i = (i + 1) & mask) {
        const Slot &s = m_slots[i];
        if (!s.used())
            return nullptr;
        if (s.key == k)
            return &s.figures;
    }
}

void LineMap::reserve(size_t lines)
{
    size_t n = 16;
    while (n * 3 < lines * 4)
        n *= 2;
    if (n > m_slots.size())
        grow(n);
}

void LineMap::grow(size_t atLeast)
{
    std::vector<Slot> old;
    old.swap(m_slots);
    m_slots.resize(std::max<size_t>(atLeast, std::max<size_t>(16, old.size() * 2)));
    m_size = 0;
    for (const Slot &s : old)
        if (s.used())
            (*this)[s.key] = s.figures;
}

void LineMap::dropZero()
{
    bool any = false;
    forEach([&](const LineId &, const LineFigures &f) { any = any || f.isZero(); });
    if (!any)
        return;
    LineMap kept;
    forEach([&](const LineId &k, const LineFigures &f) {
        if (!f.isZero())
            kept[k] = f;
    });
    *this = std::move(kept);
}

} // namespace billing::linetable
