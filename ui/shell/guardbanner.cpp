#include "shell/guardbanner.h"

#include "analysis/marginalprice.h"
#include "engine/engine.h"
#include "engine/guards.h"
#include "widgets/confirmdialog.h"
#include "widgets/format.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace billing::ui {

GuardBanner::GuardBanner(Engine &engine, QWidget *parent)
    : QFrame(parent), m_engine(engine), m_text(new QLabel(this)),
      m_reenable(new QPushButton(tr("&Re-enable\u2026"), this))
{
    setObjectName(QStringLiteral("guardBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);
    m_text->setObjectName(QStringLiteral("guardBannerText"));
    m_text->setWordWrap(true);
    m_reenable->setObjectName(QStringLiteral("guardReenable"));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_reenable);
    connect(m_reenable, &QPushButton::clicked, this, [this] { openReenable(); });
    hide();
}

void GuardBanner::refresh()
{
    struct Found
    {
        Guard guard;
        std::vector<ServiceState> off;
        int offset = 0;
    };
    auto found = m_engine.run([](Context &ctx) -> Result<Found> {
        auto all = guards::list(ctx);
        if (!all)
            return all.error();
        for (const Guard &g : *all) {
            if (!g.firedAt)
                continue;
            auto off = guards::stillDisabledBy(ctx, g);
            if (!off)
                return off.error();
            if (!off->empty())
                return Found{g, std::move(*off), ctx.account.utcOffsetSeconds};
        }
        return Found{};
    });
    if (!found || found->off.empty()) {
        hide(); // a failure to read shows in the window's own error banner
        return;
    }
    m_guard = found->guard;
    m_off = std::move(found->off);
    m_offset = found->offset;
    const AccountDisplay display{QString(), m_offset, &m_engine.catalog()};
    QStringList names;
    for (const ServiceState &s : m_off)
        names << tr("%1 in %2").arg(apiName(display, s.api), regionName(display, s.region));
    m_text->setText(tr("Spend guard \u201c%1\u201d fired on %2 and disabled %3.")
                        .arg(m_guard.name, formatDateTime(*m_guard.firedAt, m_offset), names.join(tr(", "))));
    m_reenable->setText(m_off.size() == 1 ? tr("&Re-enable 1 service\u2026")
                                          : tr("&Re-enable %1 services\u2026").arg(m_off.size()));
    show();
}

ConfirmDialog *GuardBanner::openReenable()
{
    if (m_off.empty())
        return nullptr;
    std::vector<std::pair<QString, QString>> pairs;
    for (const ServiceState &s : m_off)
        pairs.emplace_back(s.api, s.region);
    auto prices = m_engine.run([&](Context &ctx) { return marginalPrices(ctx, pairs); });
    const AccountDisplay display{QString(), m_offset, &m_engine.catalog()};
    auto *dialog = new ConfirmDialog(
        tr("Re-enable services"),
        (m_guard.trigger == Guard::Trigger::MonthCost
             ? tr("Guard \u201c%1\u201d disabled these services. Enabled again, they accept calls from now "
                  "on "
                  "and the calls are billed; the guard does not fire again this month.")
             : tr("Guard \u201c%1\u201d disabled these services. Enabled again, they accept calls from now "
                  "on "
                  "and the calls are billed; the guard fires again once the balance has been above its floor "
                  "at an hour's end and falls to it again."))
            .arg(m_guard.name),
        m_off.size() == 1 ? tr("Re-enable 1 service") : tr("Re-enable %1 services").arg(m_off.size()), this);
    dialog->setObjectName(QStringLiteral("reenableDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    for (size_t i = 0; i < m_off.size(); ++i) {
        const ServiceState &s = m_off[i];
        const QString rate =
            prices && i < prices->size()
                ? tr("the next 1,000 calls cost %1").arg(formatMoney((*prices)[i].per1000, 8))
                : tr("price not available");
        dialog->addRow(tr("%1 in %2:").arg(apiName(display, s.api), regionName(display, s.region)), rate);
    }
    const QString name = m_guard.name;
    connect(dialog, &QDialog::accepted, this, [this, name] {
        auto r = m_engine.run([&](Context &ctx) { return guards::reenable(ctx, name); });
        if (!r)
            m_text->setText(tr("The services were not enabled: %1").arg(r.error().message));
        emit servicesReenabled();
    });
    dialog->open();
    return dialog;
}

} // namespace billing::ui
