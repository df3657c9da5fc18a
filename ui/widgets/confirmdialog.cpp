#include "widgets/confirmdialog.h"

#include "ui_confirmdialog.h"

#include "widgets/format.h"

#include <QPushButton>

namespace billing::ui {

ConfirmDialog::ConfirmDialog(const QString &title, const QString &text, const QString &confirmText,
                             QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ConfirmDialog>()), m_confirm(nullptr)
{
    m_ui->setupUi(this);
    setWindowTitle(title);
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::WindowModal);
    m_ui->text->setText(text);
    QPalette p = m_ui->refusal->palette();
    p.setColor(QPalette::WindowText, negativeMoneyColor(p));
    m_ui->refusal->setPalette(p);
    m_confirm = m_ui->buttons->addButton(confirmText, QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    QPushButton *cancel = m_ui->buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true); // Enter never confirms by accident; the confirm button is one Tab away
    setMinimumWidth(fontMetrics().averageCharWidth() * 64);

    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ConfirmDialog::~ConfirmDialog() = default;

QLabel *ConfirmDialog::addRow(const QString &label, const QString &value, const QString &objectName)
{
    auto *v = new QLabel(value, this);
    v->setObjectName(objectName);
    v->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v->setFont(tabularFont(v->font()));
    m_ui->form->addRow(label, v);
    return v;
}

void ConfirmDialog::addField(const QString &label, QWidget *field)
{
    field->setParent(this);
    m_ui->form->addRow(label, field);
}

void ConfirmDialog::setConfirmText(const QString &text)
{
    m_confirm->setText(text);
}

void ConfirmDialog::setRefusal(const QString &reason)
{
    m_ui->refusal->setText(reason);
    m_ui->refusal->setVisible(!reason.isEmpty());
    m_confirm->setEnabled(reason.isEmpty());
}

void ConfirmDialog::setDestructive(bool destructive)
{
    if (!destructive)
        return;
    QFont f = m_confirm->font();
    f.setBold(true);
    m_confirm->setFont(f);
}

QString ConfirmDialog::refusal() const
{
    return m_ui->refusal->isVisibleTo(this) ? m_ui->refusal->text() : QString();
}

QStringList ConfirmDialog::rows() const
{
    QStringList out;
    for (int r = 0; r < m_ui->form->rowCount(); ++r) {
        auto *label = m_ui->form->itemAt(r, QFormLayout::LabelRole);
        auto *field = m_ui->form->itemAt(r, QFormLayout::FieldRole);
        auto *l = label ? qobject_cast<QLabel *>(label->widget()) : nullptr;
        auto *f = field ? qobject_cast<QLabel *>(field->widget()) : nullptr;
        if (l && f)
            out << l->text() + QStringLiteral(" ") + f->text();
    }
    return out;
}

} // namespace billing::ui
