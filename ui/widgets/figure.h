#pragma once

#include <QWidget>

class QLabel;

namespace billing::ui {

// One headline number: a small caption, the value in a large font, and an optional detail line.
class Figure : public QWidget
{
    Q_OBJECT

public:
    enum class Size { Large, Medium };

    Figure(const QString &caption, Size size, QWidget *parent);

    void setValue(const QString &value);
    void setDetail(const QString &detail);
    // Negative money keeps its minus sign and also takes the negative accent.
    void setNegative(bool negative);
    QString value() const;
    QLabel *valueLabel() const { return m_value; }

private:
    void updateAccessibleText();

    QLabel *m_caption;
    QLabel *m_value;
    QLabel *m_detail;
};

// A Figure that is also a button: clicking it leads to the page that explains the number.
class FigureButton : public QWidget
{
    Q_OBJECT

public:
    FigureButton(const QString &caption, Figure::Size size, QWidget *parent);
    Figure *figure() const { return m_figure; }
    void click();

signals:
    void clicked();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    Figure *m_figure;
    bool m_hover = false;
};

} // namespace billing::ui
