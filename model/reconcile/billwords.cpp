#include "reconcile/billwords.h"
#include "reconcile/tr.h"

#include "core/shown.h"
#include "domain/types.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace billing {

namespace billwords {

QString norm(const QString &s)
{
    QString out;
    out.reserve(s.size());
    for (const QChar c : s)
        if (!c.isSpace() && c != u'_' && c != u'-' && c != QChar(0xFEFF))
            out += c.toLower();
    return out;
}

QString at(const QString &table, qint64 line, int column)
{
    if (column <= 0)
        return ReconcileTr::tr("%1, line %2").arg(table).arg(line);
    return ReconcileTr::tr("%1, line %2, column %3").arg(table).arg(line).arg(column);
}

// What a provider bill's column means (provider-bills.md §1), and the profile field that gives it.

const QHash<QString, F> &providerHeaders()
{
    static const QHash<QString, F> h = [] {
        QHash<QString, F> m;
        auto add = [&m](F f, std::initializer_list<const char *> names) {
            for (const char *n : names)
                m.insert(norm(QString::fromUtf8(n)), f);
        };
        add(F::Cycle, {"Billing Cycle", "账期"});
        add(F::Project, {"Enterprise Project", "企业项目"});
        add(F::Account, {"Account Name", "账号"});
        add(F::ServiceCode, {"Service Type Code", "产品类型编码"});
        add(F::Service, {"Service Type", "产品类型"});
        add(F::ResourceCode, {"Resource Type Code", "产品编码"});
        add(F::Resource, {"Resource Type"});
        add(F::Product, {"Product", "产品"});
        add(F::Spec, {"Product Specifications", "产品规格"});
        add(F::Region, {"Region", "云服务区"});
        add(F::Mode, {"Billing Mode", "计费模式"});
        add(F::BillType, {"Bill Type", "Order Type", "账单类型", "订单类型"});
        add(F::Time, {"Expenditure Time", "消费时间"});
        add(F::TransactionId, {"Transaction ID", "消费流水号"});
        add(F::Usage, {"Usage", "使用量"});
        add(F::UsageUnit, {"Usage Unit", "使用量单位"});
        add(F::ListPrice, {"List Price", "Official Total Amount", "官网价", "官网价总金额"});
        add(F::Truncated, {"Truncated Amount", "抹零金额"});
        add(F::Due, {"Amount Due", "Expenditure Amount", "应付金额", "消费金额"});
        add(F::Currency, {"Currency", "币种"});
        return m;
    }();
    return h;
}

std::optional<F> profileMeaning(const QString &field)
{
    static const QHash<QString, F> m{
        {QStringLiteral("billing_cycle"), F::Cycle}, {QStringLiteral("expenditure_time"), F::Time},
        {QStringLiteral("account"), F::Account},     {QStringLiteral("service"), F::Service},
        {QStringLiteral("api"), F::Product},         {QStringLiteral("region"), F::Region},
        {QStringLiteral("mode"), F::Mode},           {QStringLiteral("bill_type"), F::BillType},
        {QStringLiteral("project"), F::Project},     {QStringLiteral("calls"), F::Usage},
        {QStringLiteral("fee"), F::ListPrice},       {QStringLiteral("rounded_off"), F::Truncated},
        {QStringLiteral("charged"), F::Due},         {QStringLiteral("currency"), F::Currency},
    };
    auto it = m.find(field);
    return it == m.end() ? std::nullopt : std::optional<F>(*it);
}

std::optional<BillType> billTypeOf(const QString &v)
{
    static const QHash<QString, BillType> m = [] {
        QHash<QString, BillType> h;
        auto add = [&h](BillType t, std::initializer_list<const char *> names) {
            for (const char *n : names)
                h.insert(norm(QString::fromUtf8(n)), t);
        };
        add(BillType::Usage, {"usage", "use", "expenditure-use", "expenditure-usage", "消费-使用", "使用"});
        add(BillType::Purchase, {"purchase", "new purchase", "expenditure-purchase",
                                 "expenditure-new purchase", "消费-新购", "新购"});
        add(BillType::Renewal,
            {"renewal", "auto-renewal", "auto renewal", "expenditure-renewal", "expenditure-auto-renewal",
             "消费-续订", "消费-自动续订", "续订", "自动续订"});
        add(BillType::Refund, {"refund", "unsubscription", "unsubscribe", "退款", "退订"});
        return h;
    }();
    auto it = m.find(norm(v));
    return it == m.end() ? std::nullopt : std::optional<BillType>(*it);
}

std::optional<QString> modeOf(const QString &v)
{
    static const QHash<QString, QString> m = [] {
        QHash<QString, QString> h;
        for (const char *n : {"pay-per-use", "pay per use", "on-demand", "按需", "按需计费"})
            h.insert(norm(QString::fromUtf8(n)), kModePayPerUse);
        for (const char *n : {"package", "yearly/monthly", "monthly/yearly", "包年/包月", "包周期", "资源包",
                              "resource package", "committed"})
            h.insert(norm(QString::fromUtf8(n)), kModePackage);
        h.insert(norm(QStringLiteral("standard")), kModePayPerUse);
        return h;
    }();
    auto it = m.find(norm(v));
    return it == m.end() ? std::nullopt : std::optional<QString>(*it);
}

QString monthOfCycle(const QString &v)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d{4})[-/](\\d{1,2})\\s*$"));
    const auto m = re.match(v);
    if (!m.hasMatch() || m.captured(2).toInt() < 1 || m.captured(2).toInt() > 12)
        return {};
    return QStringLiteral("%1-%2").arg(m.captured(1)).arg(m.captured(2).toInt(), 2, 10, QLatin1Char('0'));
}

} // namespace billwords

Result<Money> parseBillAmount(const QString &text)
{
    QString v = text.trimmed();
    if (v.contains(u',')) {
        static const QRegularExpression grouped(QStringLiteral("^-?\\d{1,3}(,\\d{3})+(\\.\\d*)?$"));
        if (!grouped.match(v).hasMatch())
            return Error::badData(
                ReconcileTr::tr(
                    "\"%1\" is not an amount: its thousands separators are not in groups of three")
                    .arg(shownValue(text)));
        v.remove(u',');
    }
    if (const qsizetype point = v.indexOf(u'.'); point >= 0) {
        while (v.size() - point - 1 > Money::Decimals && v.endsWith(u'0'))
            v.chop(1);
        if (v.endsWith(u'.'))
            v.chop(1);
    }
    auto m = Money::parse(v);
    if (!m)
        return Error::badData(
            ReconcileTr::tr("\"%1\" is not an amount (an exact decimal, at most 8 decimals)")
                .arg(shownValue(text)));
    return m;
}

Result<Instant> parseBillTime(const QString &text)
{
    // An instant: date, time, an optional "GMT+08:00", "+08:00" or "Z"; a period is two with a hyphen
    // between (its start counts).
    static const QRegularExpression re(QStringLiteral(
        "^\\s*(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,6}))?)?"
        "\\s*(?:(?:GMT|UTC)?\\s*([+-])(\\d{2}):?(\\d{2})|(Z))?"
        "(?:\\s*-\\s*\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,6})?)?"
        "\\s*(?:(?:GMT|UTC)?\\s*[+-]\\d{2}:?\\d{2}|Z)?)?\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return Error::badData(ReconcileTr::tr("\"%1\" is not a time (2020-08-23 22:00:00 GMT+08:00, "
                                              "2020/07/02 08:36 or ISO 8601)")
                                  .arg(shownValue(text)));
    const CivilDate d{m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()};
    const int h = m.captured(4).toInt(), mi = m.captured(5).toInt(), s = m.captured(6).toInt();
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || h > 23 || mi > 59 || s > 59)
        return Error::badData(ReconcileTr::tr("\"%1\" is not a time").arg(shownValue(text)));
    int offset = BillingCalendar::DefaultOffsetSeconds; // the provider's cycles are in UTC+8
    if (!m.captured(11).isEmpty())
        offset = 0;
    else if (!m.captured(8).isEmpty())
        offset =
            (m.captured(9).toInt() * 3600 + m.captured(10).toInt() * 60) * (m.captured(8) == u'-' ? -1 : 1);
    QString frac = m.captured(7);
    const qint64 micros = frac.isEmpty() ? 0 : (frac + QString(6 - frac.size(), u'0')).toLongLong();
    return BillingCalendar(offset).at(d, h, mi, s) + micros;
}

} // namespace billing
