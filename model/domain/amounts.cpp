#include "domain/amounts.h"

#include <QJsonObject>

namespace billing {

Amounts &Amounts::operator+=(const Amounts &o)
{
    calls += o.calls;
    for (const AmountColumn &c : kAmountColumns)
        this->*c.member += o.*c.member;
    return *this;
}

QString exactText(const Amounts &a, const AmountColumn &c)
{
    return (a.*c.member).toString(c.decimals);
}

void insertAmounts(QJsonObject &o, const Amounts &a)
{
    o.insert(QLatin1String(kCallsKey), a.calls);
    for (const AmountColumn &c : kAmountColumns)
        o.insert(QLatin1String(c.key), exactText(a, c));
}

} // namespace billing
