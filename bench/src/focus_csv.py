#!/usr/bin/env python3
"""Writes a FOCUS 1.2 cost file of N usage rows (one row per resource and hour) for the import benchmark.

usage: focus_csv.py ROWS FILE
The rows spread over ten services (tag "service": svc-0 .. svc-9), a few customers, providers and categories,
in the month before the current one, so the file is the same shape as a real hourly export.
"""
import datetime
import random
import sys

HEADER = ("BilledCost,EffectiveCost,ListCost,ContractedCost,PricingQuantity,PricingUnit,BillingAccountId,BillingAccountName,"
          "BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargeCategory,ChargeClass,ChargeDescription,ChargePeriodStart,"
          "ChargePeriodEnd,InvoiceIssuerName,ProviderName,PublisherName,ServiceCategory,ServiceName,ResourceId,ResourceName,"
          "RegionId,SubAccountId,Tags")
CATEGORIES = [("Compute", "Virtual Machines", "Hours"), ("Storage", "Object Storage", "GB-Hours"),
              ("Databases", "Managed PostgreSQL", "Hours"), ("Networking", "Load Balancer", "Hours")]
PROVIDERS = ["Example Cloud", "Other Cloud"]
REGIONS = ["eu-west-1", "us-east-1", "ap-south-1"]
CUSTOMERS = ["acme", "globex", "initech", "umbrella"]


def main():
    rows, path = int(sys.argv[1]), sys.argv[2]
    random.seed(42)
    today = datetime.date.today().replace(day=1)
    month_start = (today - datetime.timedelta(days=1)).replace(day=1)
    billing_start = month_start.isoformat() + "T00:00:00Z"
    billing_end = today.isoformat() + "T00:00:00Z"
    hours = (today - month_start).days * 24
    start = datetime.datetime(month_start.year, month_start.month, 1, tzinfo=datetime.timezone.utc)
    with open(path, "w", newline="") as out:
        out.write(HEADER + "\r\n")
        for i in range(rows):
            category, service_name, unit = CATEGORIES[i % len(CATEGORIES)]
            provider = PROVIDERS[i % 2]
            hour = start + datetime.timedelta(hours=i % hours)
            cost = f"{random.uniform(0.001, 3):.6f}"
            effective = f"{float(cost) * 0.9:.6f}"
            resource = f"res-{i // hours}"
            tags = f'"{{""service"":""svc-{i % 10}"",""customer"":""{CUSTOMERS[i % 4]}""}}"'
            out.write(",".join([cost, effective, cost, cost, "1", unit, "acct-1", "Main account", "USD", billing_start,
                                billing_end, "Usage", "", f'"{service_name}, on demand"',
                                hour.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                (hour + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                                f"{provider} Inc.", provider, provider, category, service_name, resource, resource,
                                REGIONS[i % 3], "sub-1", tags]) + "\r\n")


if __name__ == "__main__":
    main()
