#include "bills/linedetaildialog.h"

#include "bills/recordtablemodel.h"
#include "engine/engine.h"
#include "time/billingcalendar.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <map>

namespace billing::ui {

namespace {
struct Loaded
{
    LineDetail detail;
    std::vector<Record> settlement;
    AccountDisplay display;
};

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}
QString cell(const QString &s, bool right = false)
{
    return right ? QStringLiteral("<td align=\"right\">%1</td>").arg(esc(s))
                 : QStringLiteral("<td>%1</td>").arg(esc(s));
}
QString head(const QStringList &titles, int firstRight)
{
    QString h = QStringLiteral("<tr>");
    for (int i = 0; i < titles.size(); ++i)
        h += QStringLiteral("<th align=\"%1\">%2</th>")
                 .arg(i >= firstRight ? QStringLiteral("right") : QStringLiteral("left"), esc(titles[i]));
    return h + QStringLiteral("</tr>");
}
} // namespace

LineDetailDialog::LineDetailDialog(Engine &engine, qint64 recordId, QWidget *parent)
    : QDialog(parent), m_view(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("lineDetailDialog"));
    setWindowTitle(tr("Transaction record %1").arg(recordId));
    m_view->setObjectName(QStringLiteral("lineDetail"));
    m_view->setOpenLinks(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(fontMetrics().averageCharWidth() * 110, fontMetrics().height() * 52);

    auto loaded = engine.run([&](Context &ctx) -> Result<Loaded> {
        auto d = lineDetail(ctx, recordId);
        if (!d)
            return d.error();
        auto same = sameSettlement(ctx, d->record);
        if (!same)
            return same.error();
        return Loaded{std::move(*d), std::move(*same),
                      AccountDisplay{ctx.account.currency, ctx.account.utcOffsetSeconds, &engine.catalog()}};
    });
    if (!loaded) {
        m_error = loaded.error().message;
        m_view->setPlainText(tr("Could not read the record: %1").arg(m_error));
        return;
    }
    m_display = loaded->display;
    m_detail = std::move(loaded->detail);
    m_view->setHtml(html(loaded->settlement));
    m_loaded = true;
}

QString LineDetailDialog::text() const
{
    return m_view->toPlainText();
}

QString LineDetailDialog::html(const std::vector<Record> &settlement) const
{
    const Record &r = m_detail.record;
    const QLocale locale;
    const BillingCalendar cal(m_display.utcOffsetSeconds);
    const QString cur = m_display.currency;
    auto money = [&](Money m, int decimals) {
        return tr("%1 %2").arg(formatMoney(m, decimals, locale), cur);
    };
    QString h;
    h += QStringLiteral("<h2>%1</h2>")
             .arg(esc(tr("%1 \u2014 record %2").arg(RecordTableModel::typeName(r.type)).arg(r.id)));
    h += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    auto fact = [&](const QString &k, const QString &v) {
        h += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(esc(k), esc(v));
    };
    fact(tr("API"), tr("%1 (%2)").arg(apiName(m_display, r.api), r.api));
    fact(tr("Region"), tr("%1 (%2)").arg(regionName(m_display, r.region), r.region));
    if (!r.project.isEmpty())
        fact(tr("Enterprise project"), r.project);
    fact(tr("Billing mode"), RecordTableModel::modeName(r.mode) +
                                 (r.packageId ? tr(", package %1").arg(*r.packageId) : QString()));
    fact(tr("Expenditure time"),
         tr("%1 to %2").arg(cal.format(r.expenditureAt), cal.format(r.expenditureAt + kMicrosPerHour)));
    fact(tr("Settled at"), cal.format(r.at));
    fact(tr("Bill month"), r.billMonth + (r.late ? tr(" (late usage)") : QString()));
    h += QStringLiteral("</table>");
    if (r.type != Record::Type::Usage) {
        h += QStringLiteral("<p>%1</p>")
                 .arg(esc(tr("Amount charged %1; paid by coupon %2, by cash %3.")
                              .arg(money(r.charged, 2), money(r.paidCoupon, 2), money(r.paidCash, 2))));
        return h;
    }

    // The hour's calls by status and outcome.
    h += QStringLiteral("<h3>%1</h3>")
             .arg(esc(tr("Calls in this hour (%1, %2, project %3)").arg(r.api, r.region, r.project)));
    std::map<QString, qint64> byOutcome;
    h += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">") +
         head({tr("HTTP status"), tr("Outcome"), tr("Calls")}, 2);
    for (const UsageCount &u : m_detail.calls) {
        byOutcome[u.outcome] += u.calls;
        const QString outcome = u.outcome == QLatin1String("billable") ? tr("billable")
                                : u.outcome == QLatin1String("failed") ? tr("failed (not charged)")
                                                                       : tr("rejected (not charged)");
        h += QStringLiteral("<tr>") + cell(QString::number(u.status)) + cell(outcome) +
             cell(locale.toString(u.calls), true) + QStringLiteral("</tr>");
    }
    h += QStringLiteral("</table>");
    h += QStringLiteral("<p>%1</p>")
             .arg(esc(tr("Billable %1 \u00b7 failed %2 \u00b7 rejected %3")
                          .arg(locale.toString(byOutcome[QStringLiteral("billable")]),
                               locale.toString(byOutcome[QStringLiteral("failed")]),
                               locale.toString(byOutcome[QStringLiteral("rejected")]))));

    // Who covered the billable calls.
    h += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Who covered the billable calls")));
    h += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">") +
         head({tr("Record"), tr("Source"), tr("Calls")}, 2);
    for (const Record &s : settlement) {
        const QString source = s.mode == kModePackage && s.packageId ? tr("Package %1").arg(*s.packageId)
                                                                     : RecordTableModel::modeName(s.mode);
        h += QStringLiteral("<tr>") +
             cell(s.id == r.id ? tr("%1 (this line)").arg(s.id) : QString::number(s.id)) + cell(source) +
             cell(locale.toString(s.calls), true) + QStringLiteral("</tr>");
    }
    h += QStringLiteral("</table>");
    if (r.mode == kModePackage) {
        h += QStringLiteral("<p>%1</p>")
                 .arg(esc(tr("Calls covered by a package cost nothing more: the package was paid when it was "
                             "bought.")));
        return h;
    }

    // Tier positions and prices, then the fee.
    const FeeExplanation fee = explainFee(m_detail);
    h += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Tier positions on the month's counter")));
    h += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">") +
         head({tr("Tier"), tr("First position"), tr("Last position"), tr("Calls"),
               tr("Price per 1,000 (%1)").arg(cur), tr("Calls \u00d7 price / 1,000")},
              1);
    for (const FeeStep &s : fee.steps)
        h += QStringLiteral("<tr>") + cell(QString::number(s.tier + 1)) /* tiers count from 1 for people */ +
             cell(locale.toString(s.firstPosition), true) + cell(locale.toString(s.lastPosition), true) +
             cell(locale.toString(s.calls), true) + cell(formatMoney(s.pricePer1000, 2, locale), true) +
             cell(s.exactAmount, true) + QStringLiteral("</tr>");
    h += QStringLiteral("</table>");
    h += QStringLiteral("<h3>%1</h3><table cellspacing=\"0\" cellpadding=\"2\">")
             .arg(esc(tr("How the fee was truncated")));
    fact(tr("\u03a3 calls \u00d7 price / 1,000 (exact)"), tr("%1 %2").arg(fee.exactSum, cur));
    fact(tr("Fee (floored to 8 decimals)"), money(fee.fee, Money::Decimals));
    fact(tr("Charged (truncated to the cent)"), money(fee.charged, 2));
    fact(tr("Rounded off (not charged)"), money(fee.roundedOff, Money::Decimals));
    fact(tr("Paid by coupon / cash / arrears"),
         tr("%1 / %2 / %3").arg(money(r.paidCoupon, 2), money(r.paidCash, 2), money(r.arrears, 2)));
    h += QStringLiteral("</table>");
    return h;
}

} // namespace billing::ui
