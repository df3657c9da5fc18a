#include "notifications/notificationtext.h"

#include "money/money.h"
#include "time/billingcalendar.h"
#include "widgets/format.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QLocale>

namespace billing::ui {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::ui::notifications)
};

class ConsoleFormat : public AlertFormat
{
public:
    explicit ConsoleFormat(const AccountDisplay &display) : m_display(display) {}

    QString money(const QString &exact) const override
    {
        auto m = Money::parse(exact);
        return m ? Tr::tr("%1 %2").arg(m->toDisplayString(QLocale()), m_display.currency) : exact;
    }
    QString time(const QString &timestamp) const override
    {
        auto t = BillingCalendar::parseTimestamp(timestamp);
        return t ? formatDateTime(*t, m_display.utcOffsetSeconds) : timestamp;
    }
    QString number(const QJsonValue &value) const override
    {
        return value.isDouble() ? QLocale().toString(value.toInteger()) : value.toString();
    }
    QString api(const QString &id) const override { return apiName(m_display, id); }
    QString region(const QString &id) const override { return regionName(m_display, id); }

private:
    const AccountDisplay &m_display;
};
} // namespace

QString notificationText(const Notification &n, const AccountDisplay &display)
{
    return billing::notificationText(n, ConsoleFormat(display));
}

} // namespace billing::ui
