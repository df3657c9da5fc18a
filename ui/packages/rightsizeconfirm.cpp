#include "packages/rightsizeconfirm.h"

#include "domain/types.h"
#include "engine/engine.h"
#include "engine/packages.h"
#include "packages/rightsizerpanel.h"
#include "widgets/confirmdialog.h"

namespace billing::ui {

ConfirmDialog *RightSizeConfirm::create(Engine &engine, const RightSizing &r, const AccountDisplay &display,
                                        QWidget *parent)
{
    const QLocale locale;
    const QString id = locale.toString(r.packageId);
    ConfirmDialog *dialog = nullptr;
    if (r.best == kModePayPerUse) {
        dialog = new ConfirmDialog(
            tr("Next term of package %1 pay-per-use").arg(id),
            tr("Auto-renew is switched off: the term ends on %1 and calls then fall back to pay-per-use.")
                .arg(formatDateTime(r.termEnd, display.utcOffsetSeconds, locale)),
            tr("Switch auto-renew off"), parent);
    } else {
        dialog = new ConfirmDialog(
            tr("Renew package %1 next term as %2").arg(id, r.best),
            tr("Auto-renew is switched on with the size %1: every attempt, from the days before expiry "
               "set for it, renews as %1 at its price then, paid from coupons and cash.")
                .arg(r.best),
            tr("Renew next term as %1").arg(r.best), parent);
        const QString sku = r.best;
        const qint64 pid = r.packageId;
        auto quote = engine.run([&](Context &ctx) { return packages::quoteRenew(ctx, pid, sku); });
        if (!quote) {
            dialog->setRefusal(quote.error().message);
        } else {
            dialog->addRow(tr("Each attempt pays:"), formatMoney(quote->total, 2, locale),
                           QStringLiteral("rightSizePrice"));
            dialog->addRow(tr("Next term:"),
                           tr("%1 \u2192 %2")
                               .arg(formatDateTime(quote->effective, display.utcOffsetSeconds, locale),
                                    formatDateTime(quote->expires, display.utcOffsetSeconds, locale)));
            dialog->addRow(tr("Today's funds:"), quote->refusal
                                                     ? tr("not enough today: top up before the first attempt")
                                                     : tr("covered: %1 from coupons, %2 from cash")
                                                           .arg(formatMoney(quote->fromCoupons, 2, locale),
                                                                formatMoney(quote->fromCash, 2, locale)));
        }
    }
    dialog->addRow(tr("Next term's calls:"), locale.toString(r.nextTermCalls));
    dialog->addRow(tr("A year as %1:").arg(rightSizeOptionName(r.best)), formatMoney(r.bestCost, 2, locale),
                   QStringLiteral("rightSizeBestCost"));
    dialog->addRow(tr("A year as %1 (this term's size):").arg(r.sku), formatMoney(r.currentCost, 2, locale));
    dialog->addRow(tr("Yearly difference:"), formatMoney(r.yearlyDifference, 2, locale),
                   QStringLiteral("rightSizeDifference"));
    return dialog;
}

} // namespace billing::ui
