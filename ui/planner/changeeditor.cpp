#include "planner/changeeditor.h"

#include "widgets/format.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpressionValidator>
#include <QSpinBox>

#include <algorithm>

namespace billing::ui {

using Type = whatif::Change::Type;

namespace {
void select(QComboBox *box, const QVariant &data, const QString &unknownText)
{
    int i = box->findData(data);
    if (i < 0 && !unknownText.isEmpty()) { // a saved file's value the account does not have: kept, flagged
        box->addItem(unknownText, data);
        i = box->count() - 1;
    }
    box->setCurrentIndex(std::max(i, 0));
}
} // namespace

QString ChangeEditor::typeLabel(Type type)
{
    switch (type) {
    case Type::Volume:
        return tr("Volume change");
    case Type::Move:
        return tr("Move share between APIs");
    case Type::Buy:
        return tr("Buy package");
    case Type::Renew:
        return tr("Renew package");
    case Type::Unsubscribe:
        return tr("Unsubscribe package");
    case Type::Enable:
        return tr("Enable service");
    case Type::Disable:
        return tr("Disable service");
    case Type::Guard:
        return tr("Add guard");
    }
    return {};
}

ChangeEditor::ChangeEditor(QWidget *parent)
    : QWidget(parent), m_form(new QFormLayout(this)), m_type(new QComboBox(this)), m_api(new QComboBox(this)),
      m_toApi(new QComboBox(this)), m_region(new QComboBox(this)), m_project(new QComboBox(this)),
      m_sku(new QComboBox(this)), m_package(new QComboBox(this)), m_guardKind(new QComboBox(this)),
      m_percent(new QSpinBox(this)), m_guardName(new QLineEdit(this)), m_amount(new QLineEdit(this)),
      m_date(new QDateEdit(this)), m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("changeEditor"));
    for (int t = int(Type::Volume); t <= int(Type::Guard); ++t)
        m_type->addItem(typeLabel(Type(t)), t);
    m_guardKind->addItem(tr("Month cost cap"), QStringLiteral("month_cost"));
    m_guardKind->addItem(tr("Balance floor"), QStringLiteral("balance_floor"));
    m_percent->setSuffix(QStringLiteral(" %"));
    m_amount->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("^\\d{1,12}(\\.\\d{0,2})?$")), m_amount));
    m_amount->setPlaceholderText(tr("e.g. 500.00"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_problem->setWordWrap(true);
    m_problem->setObjectName(QStringLiteral("changeProblem"));
    m_problem->setVisible(false);
    const std::pair<QWidget *, QString> names[] = {{m_type, tr("Kind of change")},
                                                   {m_api, tr("API")},
                                                   {m_toApi, tr("To API")},
                                                   {m_region, tr("Region")},
                                                   {m_project, tr("Enterprise project")},
                                                   {m_percent, tr("Percentage")},
                                                   {m_sku, tr("Package size")},
                                                   {m_package, tr("Package")},
                                                   {m_guardName, tr("Guard name")},
                                                   {m_guardKind, tr("Guard limit")},
                                                   {m_amount, tr("Amount")},
                                                   {m_date, tr("Date the change takes effect")}};
    for (const auto &[w, name] : names)
        w->setAccessibleName(name);
    m_type->setObjectName(QStringLiteral("changeType"));
    m_form->setContentsMargins(0, 0, 0, 0);
    const std::pair<QWidget *, QString> rows[] = {
        {m_type, tr("&Change:")},     {m_guardName, tr("Guard &name:")}, {m_package, tr("&Package:")},
        {m_api, tr("&API:")},         {m_toApi, tr("&To API:")},         {m_region, tr("&Region:")},
        {m_project, tr("Pro&ject:")}, {m_sku, tr("Package &size:")},     {m_percent, tr("&Percentage:")},
        {m_guardKind, tr("&Limit:")}, {m_amount, tr("A&mount:")},        {m_date, tr("&Date:")}};
    for (const auto &[field, text] : rows) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        m_rows.push_back({label, field});
    }

    connect(m_type, &QComboBox::currentIndexChanged, this, &ChangeEditor::typeChanged);
    connect(m_api, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading && type() == Type::Buy)
            fillSkus();
        edited();
    });
    connect(m_package, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading && type() == Type::Renew)
            fillSkus();
        edited();
    });
    for (QComboBox *box : {m_toApi, m_region, m_project, m_sku, m_guardKind})
        connect(box, &QComboBox::currentIndexChanged, this, &ChangeEditor::edited);
    connect(m_percent, &QSpinBox::valueChanged, this, &ChangeEditor::edited);
    connect(m_guardName, &QLineEdit::textChanged, this, &ChangeEditor::edited);
    connect(m_amount, &QLineEdit::textChanged, this, &ChangeEditor::edited);
    connect(m_date, &QDateEdit::dateChanged, this, &ChangeEditor::edited);
    showFields();
}

Type ChangeEditor::type() const
{
    return Type(m_type->currentData().toInt());
}

void ChangeEditor::setChoices(const whatif::Choices *choices)
{
    m_choices = choices;
    m_loading = true;
    m_region->clear();
    m_project->clear();
    if (choices) {
        m_date->setDateRange(choices->firstDate(), choices->lastDate(whatif::kMaxMonths));
        for (const auto &r : choices->regions)
            m_region->addItem(r.id, r.id);
        m_project->addItem(tr("All projects"), QString());
        for (const QString &p : choices->projects)
            m_project->addItem(p, p);
    }
    m_loading = false;
}

void ChangeEditor::fillApis()
{
    const QString current = m_api->currentData().toString();
    m_api->clear();
    m_toApi->clear();
    if (type() == Type::Volume)
        m_api->addItem(tr("All APIs"), QString());
    if (type() == Type::Guard)
        m_api->addItem(tr("All APIs"), QStringLiteral("all"));
    if (m_choices)
        for (const auto &a : m_choices->apis) {
            const QString text = QStringLiteral("%1 (%2)").arg(a.id, catalogName(a.name));
            m_api->addItem(text, a.id);
            m_toApi->addItem(text, a.id);
        }
    select(m_api, current, {});
}

void ChangeEditor::fillSkus()
{
    const QString current = m_sku->currentData().toString();
    m_sku->clear();
    QString api = m_api->currentData().toString();
    if (type() == Type::Renew) {
        m_sku->addItem(tr("Same size"), QString());
        const Package *p = m_choices ? m_choices->package(m_package->currentData().toLongLong()) : nullptr;
        api = p ? p->api : QString();
    }
    if (m_choices)
        for (const auto &s : m_choices->skusOf(api))
            m_sku->addItem(tr("%1: %2 calls, %3").arg(s.sku, QLocale().toString(s.calls), s.price.toString()),
                           s.sku);
    select(m_sku, current, {});
}

void ChangeEditor::fillPackages()
{
    const qint64 current = m_package->currentData().toLongLong();
    m_package->clear();
    if (m_choices)
        for (const Package &p : m_choices->packages)
            m_package->addItem(tr("%1: %2 %3, %4, %5 to %6")
                                   .arg(p.id)
                                   .arg(p.api, p.region, p.sku,
                                        m_choices->calendar.format(p.effectiveAt).left(10),
                                        m_choices->calendar.format(p.lastSecond()).left(10)),
                               p.id);
    select(m_package, current, {});
}

void ChangeEditor::showFields()
{
    // The form is laid out anew with the rows of this kind (hiding rows of a QFormLayout left some of them
    // without height when shown again).
    while (m_form->rowCount() > 0) {
        const QFormLayout::TakeRowResult taken = m_form->takeRow(0);
        delete taken.labelItem; // the items only: the widgets stay
        delete taken.fieldItem;
    }
    std::vector<QWidget *> shown;
    auto showRow = [&shown](QWidget *field, bool on) {
        if (on)
            shown.push_back(field);
    };
    const Type t = type();
    const bool dated = t != Type::Volume && t != Type::Move;
    const bool service = t == Type::Buy || t == Type::Enable || t == Type::Disable || t == Type::Guard;
    showRow(m_guardName, t == Type::Guard);
    showRow(m_package, t == Type::Renew || t == Type::Unsubscribe);
    showRow(m_api, t != Type::Renew && t != Type::Unsubscribe);
    showRow(m_toApi, t == Type::Move);
    showRow(m_region, service);
    showRow(m_project, t == Type::Volume);
    showRow(m_sku, t == Type::Buy || t == Type::Renew);
    showRow(m_percent, t == Type::Volume || t == Type::Move);
    showRow(m_guardKind, t == Type::Guard);
    showRow(m_amount, t == Type::Guard);
    showRow(m_date, dated);
    for (const auto &[label, field] : m_rows) {
        const bool on = field == m_type || std::find(shown.begin(), shown.end(), field) != shown.end();
        label->setVisible(on);
        field->setVisible(on);
        if (on)
            m_form->addRow(label, field);
    }
    m_form->addRow(m_problem);
    for (const auto &[label, field] : m_rows) {
        if (field == m_api)
            label->setText(t == Type::Move ? tr("&From API:") : tr("&API:"));
        if (field == m_percent)
            label->setText(t == Type::Move ? tr("Share &moved:") : tr("&Percentage:"));
    }
    // Volume: −100 % is no calls at all, less is impossible; a share is 0 … 100 %.
    m_percent->setRange(t == Type::Move ? 0 : -100, t == Type::Move ? 100 : 100000);
    m_percent->setToolTip(t == Type::Move ? tr("The share of the calls that move to the other API")
                                          : tr("The change in calls: −100 % is none at all"));
    m_region->setToolTip({});
    if (t == Type::Guard && m_region->findData(QString()) < 0)
        m_region->insertItem(0, tr("All regions"), QString());
    if (t != Type::Guard && m_region->findData(QString()) >= 0)
        m_region->removeItem(m_region->findData(QString()));
}

void ChangeEditor::typeChanged()
{
    const bool loading = m_loading;
    m_loading = true;
    showFields();
    fillApis();
    fillPackages();
    fillSkus();
    m_loading = loading;
    edited();
}

void ChangeEditor::setChange(const whatif::Change &c)
{
    m_loading = true;
    m_type->setCurrentIndex(m_type->findData(int(c.type)));
    showFields();
    fillApis();
    fillPackages();
    const bool guard = c.type == Type::Guard;
    select(m_api, guard ? c.guard.api : c.api, guard ? c.guard.api : c.api);
    select(m_toApi, c.toApi, c.toApi);
    select(m_region, guard ? c.guard.region : c.region, guard ? c.guard.region : c.region);
    select(m_project, c.project, c.project);
    select(m_package, c.packageId, c.packageId > 0 ? tr("package %1").arg(c.packageId) : QString());
    fillSkus();
    select(m_sku, c.sku, c.sku);
    m_percent->setValue(int(c.percent));
    m_guardName->setText(c.guard.name);
    m_guardKind->setCurrentIndex(c.guard.balanceFloor ? 1 : 0);
    m_amount->setText(c.guard.monthCost.value_or(c.guard.balanceFloor.value_or(QString())));
    const QDate d = QDate::fromString(c.date, Qt::ISODate);
    m_date->setDate(d.isValid() ? d : m_date->minimumDate());
    m_loading = false;
}

whatif::Change ChangeEditor::change() const
{
    whatif::Change c;
    c.type = type();
    const QString api = m_api->currentData().toString();
    switch (c.type) {
    case Type::Volume:
        c.api = api;
        c.project = m_project->currentData().toString();
        c.percent = m_percent->value();
        break;
    case Type::Move:
        c.api = api;
        c.toApi = m_toApi->currentData().toString();
        c.percent = m_percent->value();
        break;
    case Type::Buy:
        c.api = api;
        c.region = m_region->currentData().toString();
        c.sku = m_sku->currentData().toString();
        break;
    case Type::Renew:
        c.sku = m_sku->currentData().toString();
        [[fallthrough]];
    case Type::Unsubscribe:
        c.packageId = m_package->currentData().toLongLong();
        break;
    case Type::Enable:
    case Type::Disable:
        c.api = api;
        c.region = m_region->currentData().toString();
        break;
    case Type::Guard:
        c.guard.name = m_guardName->text().trimmed();
        c.guard.api = api;
        c.guard.region = m_region->currentData().toString();
        (m_guardKind->currentIndex() == 0 ? c.guard.monthCost : c.guard.balanceFloor) = m_amount->text();
        break;
    }
    if (c.type != Type::Volume && c.type != Type::Move)
        c.date = m_date->date().toString(Qt::ISODate);
    return c;
}

void ChangeEditor::setProblem(const whatif::Problem &problem)
{
    QPalette p = m_problem->palette();
    p.setColor(QPalette::WindowText,
               problem.blocking ? negativeMoneyColor(palette()) : palette().color(QPalette::WindowText));
    m_problem->setPalette(p);
    m_problem->setText(problem.message.isEmpty() ? QString()
                       : problem.blocking        ? tr("Cannot run: %1").arg(problem.message)
                                                 : tr("Warning: %1").arg(problem.message));
    m_problem->setVisible(!problem.message.isEmpty());
}

void ChangeEditor::edited()
{
    if (!m_loading)
        emit changed();
}

} // namespace billing::ui
