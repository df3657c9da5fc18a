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
    : QFrame(parent), m_engine(engine), m_rows(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("guardBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);
    m_rows->setSpacing(2);
    hide();
}

void GuardBanner::clearRows()
{
    for (Entry &e : m_entries)
        delete e.row;
    m_entries.clear();
}

void GuardBanner::refresh()
{
    struct Found
    {
        std::vector<std::pair<Guard, std::vector<ServiceState>>> fired;
        int offset = 0;
    };
    auto found = m_engine.run([](Context &ctx) -> Result<Found> {
        auto all = guards::list(ctx);
        if (!all)
            return all.error();
        Found f;
        f.offset = ctx.account.utcOffsetSeconds;
        for (const Guard &g : *all) {
            if (!g.firedAt)
                continue;
            auto off = guards::stillDisabledBy(ctx, g);
            if (!off)
                return off.error();
            if (!off->empty())
                f.fired.emplace_back(g, std::move(*off));
        }
        return f;
    });
    clearRows();
    if (!found || found->fired.empty()) {
        hide(); // a failure to read shows in the window's own error banner
        return;
    }
    m_offset = found->offset;
    const AccountDisplay display{QString(), m_offset, &m_engine.catalog()};
    for (auto &[guard, off] : found->fired) {
        Entry e;
        e.guard = guard;
        e.off = std::move(off);
        e.row = new QWidget(this);
        e.row->setObjectName(QStringLiteral("guardBannerRow"));
        e.text = new QLabel(e.row);
        e.text->setObjectName(QStringLiteral("guardBannerText"));
        e.text->setWordWrap(true);
        e.button = new QPushButton(e.row);
        e.button->setObjectName(QStringLiteral("guardReenable"));
        auto *line = new QHBoxLayout(e.row);
        line->setContentsMargins(0, 0, 0, 0);
        line->addWidget(e.text, 1);
        line->addWidget(e.button);
        QStringList names;
        for (const ServiceState &s : e.off)
            names << tr("%1 in %2").arg(apiName(display, s.api), regionName(display, s.region));
        e.text->setText(
            tr("Spend guard \u201c%1\u201d fired on %2 and disabled %3.")
                .arg(e.guard.name, formatDateTime(*e.guard.firedAt, m_offset), names.join(tr(", "))));
        e.button->setText(e.off.size() == 1 ? tr("&Re-enable 1 service\u2026")
                                            : tr("&Re-enable %1 services\u2026").arg(e.off.size()));
        // Several lines: each button names its guard for screen readers.
        e.button->setAccessibleName(
            tr("Re-enable the services guard \u201c%1\u201d disabled").arg(e.guard.name));
        const int index = int(m_entries.size());
        connect(e.button, &QPushButton::clicked, this, [this, index] { openReenable(index); });
        m_rows->addWidget(e.row);
        e.row->show(); // the banner may be shown already
        m_entries.push_back(std::move(e));
    }
    show();
}

ConfirmDialog *GuardBanner::openReenable(int index)
{
    if (index < 0 || index >= int(m_entries.size()) || m_entries[size_t(index)].off.empty())
        return nullptr;
    const Guard guard = m_entries[size_t(index)].guard;
    const std::vector<ServiceState> off = m_entries[size_t(index)].off;
    std::vector<std::pair<QString, QString>> pairs;
    for (const ServiceState &s : off)
        pairs.emplace_back(s.api, s.region);
    auto prices = m_engine.run([&](Context &ctx) { return marginalPrices(ctx, pairs); });
    const AccountDisplay display{QString(), m_offset, &m_engine.catalog()};
    auto *dialog = new ConfirmDialog(
        tr("Re-enable services"),
        (guard.trigger == Guard::Trigger::MonthCost
             ? tr("Guard \u201c%1\u201d disabled these services. Enabled again, they accept calls from now "
                  "on "
                  "and the calls are billed; the guard does not fire again this month.")
             : tr("Guard \u201c%1\u201d disabled these services. Enabled again, they accept calls from now "
                  "on "
                  "and the calls are billed; the guard fires again once the balance has been above its floor "
                  "at an hour's end and falls to it again."))
            .arg(guard.name),
        off.size() == 1 ? tr("Re-enable 1 service") : tr("Re-enable %1 services").arg(off.size()), this);
    dialog->setObjectName(QStringLiteral("reenableDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    for (size_t i = 0; i < off.size(); ++i) {
        const ServiceState &s = off[i];
        const QString rate =
            prices && i < prices->size()
                ? tr("the next 1,000 calls cost %1").arg(formatMoney((*prices)[i].per1000, 8))
                : tr("price not available");
        dialog->addRow(tr("%1 in %2:").arg(apiName(display, s.api), regionName(display, s.region)), rate);
    }
    const QString name = guard.name;
    connect(dialog, &QDialog::accepted, this, [this, name] {
        auto r = m_engine.run([&](Context &ctx) { return guards::reenable(ctx, name); });
        emit servicesReenabled(); // refreshes the banner
        if (!r)
            for (Entry &e : m_entries)
                if (e.guard.name == name)
                    e.text->setText(tr("The services were not enabled: %1").arg(r.error().message));
    });
    dialog->open();
    return dialog;
}

} // namespace billing::ui
