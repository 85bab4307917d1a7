package com.aiaops.capacity;

import java.util.List;

/**
 * A straight line fitted (least squares) through the daily peak request rate, and when it reaches the capacity.
 * Days are numbered from the first day of the series; the projection starts from the last day.
 */
public record GrowthProjection(int days, double slopeRpsPerDay, double interceptRps, double rSquared, Double projectedTodayRps,
                               Double capacityRps, Double daysUntilCapacity) {

    /** @param dailyPeakRps one value per day, oldest first; null for a day without traffic (left out of the fit) */
    public static GrowthProjection fit(List<Double> dailyPeakRps, Double capacityRps) {
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int x = 0; x < dailyPeakRps.size(); x++) {
            Double y = dailyPeakRps.get(x);
            if (y == null) {
                continue;
            }
            n++;
            sx += x;
            sy += y;
            sxx += (double) x * x;
            sxy += x * y;
            syy += y * y;
        }
        if (n < 2) {
            return new GrowthProjection((int) n, 0, n == 1 ? sy : 0, 0, n == 1 ? sy : null, capacityRps, null);
        }
        double denominator = n * sxx - sx * sx;
        double slope = denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
        double intercept = (sy - slope * sx) / n;
        double ssTotal = syy - sy * sy / n;
        double ssResidual = 0;
        for (int x = 0; x < dailyPeakRps.size(); x++) {
            Double y = dailyPeakRps.get(x);
            if (y != null) {
                double e = y - (intercept + slope * x);
                ssResidual += e * e;
            }
        }
        double rSquared = ssTotal <= 0 ? 1 : Math.max(0, 1 - ssResidual / ssTotal);
        double today = intercept + slope * (dailyPeakRps.size() - 1);
        Double until = null;
        if (capacityRps != null) {
            if (today >= capacityRps) {
                until = 0.0;
            } else if (slope > 0) {
                until = (capacityRps - today) / slope;
            }
        }
        return new GrowthProjection((int) n, slope, intercept, rSquared, today, capacityRps, until);
    }
}
