#include "services/guardspanel.h"

#include "engine/engine.h"
#include "engine/guards.h"
#include "services/guarddialog.h"
#include "widgets/confirmdialog.h"
#include "widgets/errorbanner.h"
#include "widgets/format.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace billing::ui {

namespace {
enum Column { Name, Scope, Trigger, Amount, State, ColumnCount };
}

GuardsPanel::GuardsPanel(Engine &engine, ErrorBanner *banner, QWidget *parent)
    : QWidget(parent), m_engine(engine), m_banner(banner), m_table(new QTableWidget(0, ColumnCount, this)),
      m_new(new QPushButton(tr("&New guard\u2026"), this)),
      m_remove(new QPushButton(tr("Remove guard\u2026"), this))
{
    setObjectName(QStringLiteral("guardsPanel"));
    auto *title = new QLabel(tr("Spend guards"), this);
    QFont f = title->font();
    f.setBold(true);
    title->setFont(f);
    auto *hint = new QLabel(tr("A guard disables services for you at the end of an hour when this month's "
                               "cost reaches a limit or the balance falls to a floor."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    m_new->setObjectName(QStringLiteral("newGuard"));
    m_remove->setObjectName(QStringLiteral("removeGuard"));
    m_table->setObjectName(QStringLiteral("guardsTable"));
    m_table->setAccessibleName(tr("Spend guards"));
    m_table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Scope"), tr("Trigger"), tr("Amount (%1)").arg(QStringLiteral("USD")), tr("State")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMaximumHeight(fontMetrics().height() * 9);

    auto *bar = new QHBoxLayout;
    bar->addWidget(title);
    bar->addStretch(1);
    bar->addWidget(m_new);
    bar->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(hint);
    layout->addWidget(m_table);

    connect(m_new, &QPushButton::clicked, this, [this] { openNew(); });
    connect(m_remove, &QPushButton::clicked, this, [this] { openRemove(); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(selectedRow() >= 0); });
    m_remove->setEnabled(false);
}

void GuardsPanel::refresh()
{
    struct Loaded
    {
        std::vector<Guard> guards;
        QString currency;
        int offset = 0;
    };
    auto loaded = m_engine.run([](Context &ctx) -> Result<Loaded> {
        auto all = guards::list(ctx);
        if (!all)
            return all.error();
        return Loaded{std::move(*all), ctx.account.currency, ctx.account.utcOffsetSeconds};
    });
    if (!loaded) {
        m_banner->showError(tr("Could not load the spend guards."), loaded.error());
        return;
    }
    m_guards = std::move(loaded->guards);
    m_offset = loaded->offset;
    m_table->horizontalHeaderItem(Amount)->setText(tr("Amount (%1)").arg(loaded->currency));
    const AccountDisplay display{loaded->currency, m_offset, &m_engine.catalog()};
    m_table->setRowCount(int(m_guards.size()));
    for (int row = 0; row < int(m_guards.size()); ++row) {
        const Guard &g = m_guards[size_t(row)];
        const QString scope =
            g.api.isEmpty()      ? tr("Every API")
            : g.region.isEmpty() ? tr("%1, every region").arg(apiName(display, g.api))
                                 : tr("%1 in %2").arg(apiName(display, g.api), regionName(display, g.region));
        const QString trigger = g.trigger == Guard::Trigger::MonthCost ? tr("This month's cost reaches")
                                                                       : tr("The balance falls to");
        const QString state =
            g.fired && g.firedAt ? tr("Fired on %1").arg(formatDateTime(*g.firedAt, m_offset)) : tr("Armed");
        const QStringList cells{g.name, scope, trigger, formatMoney(g.amount), state};
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c == Amount)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, c, item);
        }
    }
    m_remove->setEnabled(selectedRow() >= 0);
}

int GuardsPanel::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

GuardDialog *GuardsPanel::openNew()
{
    auto *dialog = new GuardDialog(m_engine, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &GuardDialog::guardAdded, this, [this] {
        refresh();
        emit guardsChanged();
    });
    dialog->open();
    return dialog;
}

ConfirmDialog *GuardsPanel::openRemove()
{
    const int row = selectedRow();
    if (row < 0)
        return nullptr;
    const QString name = m_guards[size_t(row)].name;
    auto *dialog = new ConfirmDialog(tr("Remove a spend guard"),
                                     tr("Guard \u201c%1\u201d is no longer checked from now on. Services it "
                                        "disabled stay disabled until you enable them.")
                                         .arg(name),
                                     tr("Remove guard \u201c%1\u201d").arg(name), this);
    dialog->setObjectName(QStringLiteral("removeGuardDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, name] {
        Status s = m_engine.run([&](Context &ctx) { return guards::remove(ctx, name); });
        if (!s)
            m_banner->showError(tr("The guard was not removed."), s.error());
        refresh();
        emit guardsChanged();
    });
    dialog->open();
    return dialog;
}

} // namespace billing::ui
