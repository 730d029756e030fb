#pragma once
// A point estimate with a two-sided confidence interval around it and the number of observations behind both.

#include <QtGlobal>

namespace tierlens {

struct Interval
{
    double estimate = 0; // the sample's own value: the observed pass rate, the sample mean
    double low = 0; // lower bound of the interval
    double high = 0; // upper bound of the interval
    qint64 n = 0; // observations the estimate rests on; 0 means there was nothing to estimate from
};

} // namespace tierlens
