#include "planner/scenarioeditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace billing::ui {

namespace {

const QStringList &typeIds()
{
    static const QStringList ids{QStringLiteral("volume"),      QStringLiteral("move"),
                                 QStringLiteral("buy"),         QStringLiteral("renew"),
                                 QStringLiteral("unsubscribe"), QStringLiteral("enable"),
                                 QStringLiteral("disable"),     QStringLiteral("guard")};
    return ids;
}

QString cell(const QTableWidget *t, int row, int column)
{
    const QTableWidgetItem *item = t->item(row, column);
    return item ? item->text().trimmed() : QString();
}

// The JSON key each column feeds for a type; empty: the column is not used.
QString keyFor(const QString &type, int column)
{
    using C = ScenarioEditor::Column;
    const bool dated = type != QLatin1String("volume") && type != QLatin1String("move");
    switch (column) {
    case C::Api:
        if (type == QLatin1String("move"))
            return QStringLiteral("from_api");
        return type == QLatin1String("renew") || type == QLatin1String("unsubscribe") ? QString()
                                                                                      : QStringLiteral("api");
    case C::Target:
        if (type == QLatin1String("move"))
            return QStringLiteral("to_api");
        if (type == QLatin1String("buy"))
            return QStringLiteral("sku");
        if (type == QLatin1String("renew") || type == QLatin1String("unsubscribe"))
            return QStringLiteral("package_id");
        return type == QLatin1String("guard") ? QStringLiteral("name") : QString();
    case C::Region:
        return type == QLatin1String("buy") || type == QLatin1String("enable") ||
                       type == QLatin1String("disable") || type == QLatin1String("guard")
                   ? QStringLiteral("region")
                   : QString();
    case C::Project:
        return type == QLatin1String("volume") ? QStringLiteral("project") : QString();
    case C::Amount:
        if (type == QLatin1String("volume"))
            return QStringLiteral("percent");
        if (type == QLatin1String("move"))
            return QStringLiteral("share_percent");
        return type == QLatin1String("guard") ? QStringLiteral("month_cost") : QString();
    case C::Date:
        return dated ? QStringLiteral("date") : QString();
    default:
        return {};
    }
}
} // namespace

ScenarioEditor::ScenarioEditor(QWidget *parent)
    : QWidget(parent), m_name(new QLineEdit(this)), m_changes(new QTableWidget(0, ColumnCount, this)),
      m_add(new QPushButton(tr("&Add change"), this)), m_remove(new QPushButton(tr("Remo&ve change"), this))
{
    m_name->setObjectName(QStringLiteral("scenarioName"));
    m_name->setAccessibleName(tr("Scenario name"));
    m_changes->setObjectName(QStringLiteral("scenarioChanges"));
    m_changes->setAccessibleName(tr("Changes of the scenario"));
    m_changes->setHorizontalHeaderLabels(
        {tr("Change"), tr("API"), tr("Target"), tr("Region"), tr("Project"), tr("Amount"), tr("Date")});
    const QStringList tips{
        tr("volume, move, buy, renew, unsubscribe, enable, disable or guard"),
        tr("The API (move: from this API; empty: every API)"),
        tr("move: to this API; buy: the SKU; renew, unsubscribe: the package id; guard: its name"),
        tr("The region (buy, enable, disable, guard)"),
        tr("volume: only this enterprise project (empty: all)"),
        tr("volume: percent change (-100 or more); move: share in percent; guard: month cost"),
        tr("YYYY-MM-DD, after today (not for volume and move)")};
    for (int c = 0; c < ColumnCount; ++c)
        m_changes->horizontalHeaderItem(c)->setToolTip(tips[c]);
    m_changes->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_changes->verticalHeader()->hide();
    m_add->setObjectName(QStringLiteral("addChange"));
    m_remove->setObjectName(QStringLiteral("removeChange"));
    connect(m_add, &QPushButton::clicked, this, [this] { addChange(QStringLiteral("volume")); });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (m_changes->currentRow() >= 0)
            m_changes->removeRow(m_changes->currentRow());
    });

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_changes);
    layout->addLayout(buttons);
}

void ScenarioEditor::addChange(const QString &type, const QStringList &cells)
{
    const int row = m_changes->rowCount();
    m_changes->insertRow(row);
    auto *combo = new QComboBox(m_changes);
    combo->setAccessibleName(tr("Kind of change"));
    combo->addItems(typeIds());
    combo->setCurrentText(type);
    m_changes->setCellWidget(row, Type, combo);
    for (int c = Api; c < ColumnCount; ++c)
        m_changes->setItem(row, c, new QTableWidgetItem(cells.value(c - 1)));
    m_changes->setCurrentCell(row, Api);
}

Result<whatif::Scenario> ScenarioEditor::scenario() const
{
    QJsonArray changes;
    for (int r = 0; r < m_changes->rowCount(); ++r) {
        const auto *combo = qobject_cast<QComboBox *>(m_changes->cellWidget(r, Type));
        const QString type = combo ? combo->currentText() : QString();
        QJsonObject o{{QStringLiteral("type"), type}};
        for (int c = Api; c < ColumnCount; ++c) {
            const QString key = keyFor(type, c);
            const QString text = cell(m_changes, r, c);
            if (key.isEmpty() || text.isEmpty())
                continue;
            if (key == QLatin1String("percent") || key == QLatin1String("share_percent") ||
                key == QLatin1String("package_id")) {
                bool ok = false;
                const qint64 n = text.toLongLong(&ok);
                o.insert(key, ok ? QJsonValue(n) : QJsonValue(text)); // not a number: the parser says so
            } else {
                o.insert(key, text);
            }
        }
        changes.append(o);
    }
    const QJsonObject doc{{QStringLiteral("name"), m_name->text().trimmed()},
                          {QStringLiteral("changes"), changes}};
    return whatif::parseScenario(QJsonDocument(doc).toJson());
}

void ScenarioEditor::setScenario(const whatif::Scenario &s)
{
    m_name->setText(s.name);
    m_changes->setRowCount(0);
    const QJsonObject doc = QJsonDocument::fromJson(whatif::scenarioToJson(s)).object();
    for (const QJsonValue &v : doc.value(QStringLiteral("changes")).toArray()) {
        const QJsonObject o = v.toObject();
        const QString type = o.value(QStringLiteral("type")).toString();
        QStringList cells;
        for (int c = Api; c < ColumnCount; ++c) {
            const QJsonValue value = o.value(keyFor(type, c));
            cells << (value.isDouble() ? QString::number(value.toInteger()) : value.toString());
        }
        addChange(type, cells);
    }
}

} // namespace billing::ui
