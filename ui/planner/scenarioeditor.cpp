#include "planner/scenarioeditor.h"

#include "planner/changeeditor.h"
#include "widgets/format.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace billing::ui {

using Type = whatif::Change::Type;

ScenarioEditor::ScenarioEditor(QWidget *parent)
    : QWidget(parent), m_name(new QLineEdit(this)), m_list(new QTableWidget(0, ColumnCount, this)),
      m_detail(new ChangeEditor(this)), m_add(new QPushButton(tr("&Add change"), this)),
      m_remove(new QPushButton(tr("Remo&ve change"), this))
{
    m_name->setObjectName(QStringLiteral("scenarioName"));
    m_name->setAccessibleName(tr("Scenario name"));
    m_list->setObjectName(QStringLiteral("scenarioChanges"));
    m_list->setAccessibleName(tr("Changes of the scenario; select one to edit it"));
    m_list->setHorizontalHeaderLabels({tr("Change"), tr("Details"), tr("Date"), tr("Check")});
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_list->verticalHeader()->hide();
    m_detail->setEnabled(false);
    m_add->setObjectName(QStringLiteral("addChange"));
    m_remove->setObjectName(QStringLiteral("removeChange"));
    connect(m_add, &QPushButton::clicked, this, [this] {
        addChange();
        m_detail->typeBox()->setFocus();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row < 0)
            return;
        m_changes.erase(m_changes.begin() + row);
        m_list->removeRow(row);
        recheck();
    });
    connect(m_list, &QTableWidget::currentCellChanged, this, [this](int row) {
        m_detail->setEnabled(row >= 0);
        if (row >= 0)
            m_detail->setChange(m_changes[size_t(row)]);
        recheck();
    });
    connect(m_detail, &ChangeEditor::changed, this, [this] {
        const int row = m_list->currentRow();
        if (row < 0)
            return;
        m_changes[size_t(row)] = m_detail->change();
        recheck();
    });

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto *left = new QVBoxLayout;
    left->addWidget(m_list);
    left->addLayout(buttons);
    auto *body = new QHBoxLayout;
    body->addLayout(left, 3);
    // The editor keeps its rows' heights; on a short window it scrolls rather than squeezing them.
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_detail);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    body->addWidget(scroll, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addLayout(body);
}

void ScenarioEditor::setChoices(const whatif::Choices &choices)
{
    m_choices = choices;
    m_detail->setChoices(&m_choices);
    if (m_list->currentRow() >= 0)
        m_detail->setChange(m_changes[size_t(m_list->currentRow())]);
    recheck();
}

void ScenarioEditor::setMonths(int months)
{
    m_months = months;
    recheck();
}

void ScenarioEditor::addChange(const whatif::Change &change)
{
    whatif::Change c = change;
    if (c.type != Type::Volume && c.type != Type::Move && c.date.isEmpty())
        c.date = m_choices.firstDate().toString(Qt::ISODate);
    m_changes.push_back(c);
    m_list->insertRow(m_list->rowCount());
    m_list->setCurrentCell(m_list->rowCount() - 1, Kind);
}

whatif::Scenario ScenarioEditor::current() const
{
    whatif::Scenario s;
    s.name = m_name->text().trimmed();
    s.changes = m_changes;
    for (size_t i = 0; i < s.changes.size(); ++i)
        s.changes[i].index = int(i);
    return s;
}

QString ScenarioEditor::details(const whatif::Change &c) const
{
    const QString all = tr("all APIs");
    switch (c.type) {
    case Type::Volume:
        return tr("%1%2: %3 %")
            .arg(c.api.isEmpty() ? all : c.api,
                 c.project.isEmpty() ? QString() : tr(", project %1").arg(c.project),
                 (c.percent > 0 ? QStringLiteral("+") : QString()) + QString::number(c.percent));
    case Type::Move:
        return tr("%1 % of %2 to %3").arg(c.percent).arg(c.api, c.toApi);
    case Type::Buy:
        return tr("%1 in %2, size %3").arg(c.api, c.region, c.sku);
    case Type::Renew:
        return c.sku.isEmpty() ? tr("package %1").arg(c.packageId)
                               : tr("package %1 as size %2").arg(c.packageId).arg(c.sku);
    case Type::Unsubscribe:
        return tr("package %1").arg(c.packageId);
    case Type::Enable:
    case Type::Disable:
        return tr("%1 in %2").arg(c.api, c.region);
    case Type::Guard:
        return tr("%1: %2 %3 %4")
            .arg(c.guard.name, c.guard.api == QLatin1String("all") ? all : c.guard.api, c.guard.region,
                 c.guard.monthCost ? tr("month cost %1").arg(*c.guard.monthCost)
                                   : tr("balance floor %1").arg(c.guard.balanceFloor.value_or(QString())))
            .simplified();
    }
    return {};
}

void ScenarioEditor::recheck()
{
    const whatif::Scenario s = current();
    const QColor bad = negativeMoneyColor(palette());
    for (int row = 0; row < int(s.changes.size()); ++row) {
        const whatif::Change &c = s.changes[size_t(row)];
        const whatif::Problem p = whatif::checkChange(m_choices, s, size_t(row), m_months);
        const QStringList cells{ChangeEditor::typeLabel(c.type), details(c), c.date,
                                p.message.isEmpty() ? tr("OK")
                                : p.blocking        ? tr("Cannot run: %1").arg(p.message)
                                                    : tr("Warning: %1").arg(p.message)};
        for (int col = 0; col < ColumnCount; ++col) {
            auto *item = new QTableWidgetItem(cells[col]);
            item->setToolTip(cells[col]);
            if (col == Check && p.blocking)
                item->setForeground(bad);
            m_list->setItem(row, col, item);
        }
        if (row == m_list->currentRow())
            m_detail->setProblem(p);
    }
    if (m_list->currentRow() < 0)
        m_detail->setProblem({});
}

Result<whatif::Scenario> ScenarioEditor::scenario() const
{
    const whatif::Scenario s = current();
    for (size_t i = 0; i < s.changes.size(); ++i)
        if (const whatif::Problem p = whatif::checkChange(m_choices, s, i, m_months); p.blocking)
            return Error::badUsage(tr("Change %1 (%2): %3")
                                       .arg(i + 1)
                                       .arg(ChangeEditor::typeLabel(s.changes[i].type), p.message));
    // As the file says it: what `billingctl whatif` reads is checked the same way.
    return whatif::parseScenario(whatif::scenarioToJson(s));
}

void ScenarioEditor::setScenario(const whatif::Scenario &s)
{
    m_name->setText(s.name);
    m_changes.clear();
    m_list->setRowCount(0);
    for (const whatif::Change &c : s.changes)
        addChange(c);
    recheck();
}

} // namespace billing::ui
