"""The reference values of the value/ tests, from lifetimes 0.11.3 and scipy (run with the
/tmp/ltv2 venv: numpy 2.4, pandas 3.1, scipy 1.17.1, autograd 1.9.1). Writes, next to this
file, cdnow_summary.csv, hyp2f1.json and lifetimes_predictions.json."""
import os; HERE = os.path.dirname(os.path.abspath(__file__))
import json, numpy as np, warnings
np.random.seed(0)  # ParetoNBDFitter starts at random parameters
warnings.filterwarnings("ignore")
from lifetimes import BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter, GammaGammaFitter, BetaGeoBetaBinomFitter
from lifetimes.datasets import load_cdnow_summary_data_with_monetary_value, load_donations
df = load_cdnow_summary_data_with_monetary_value()
print(df.head(), len(df))
df.reset_index().to_csv(os.path.join(HERE, "cdnow_summary.csv"), index=False)
out = {}
f, r, T = df["frequency"], df["recency"], df["T"]
for name, cls in [("bg_nbd", BetaGeoFitter), ("mbg_nbd", ModifiedBetaGeoFitter), ("pareto_nbd", ParetoNBDFitter)]:
    m = cls().fit(f, r, T) if name != "pareto_nbd" else cls().fit(f, r, T, tol=1e-12, maxiter=100000)
    se = m.standard_errors_.to_dict() if getattr(m, "_hessian_", None) is not None else None
    out[name] = {"params": m.params_.to_dict(), "standard_errors": se}
    print(name, m.params_.to_dict(), se)
rep = df[df["frequency"] > 0]
gg = GammaGammaFitter().fit(rep["frequency"], rep["monetary_value"])
out["gamma_gamma"] = {"params": gg.params_.to_dict(), "standard_errors": gg.standard_errors_.to_dict()}
print(gg.params_.to_dict())
don = load_donations()
print(don.head())
bb = BetaGeoBetaBinomFitter().fit(don["frequency"], don["recency"], don["periods"], weights=don["weights"])
out["bg_bb"] = {"params": bb.params_.to_dict(), "standard_errors": bb.standard_errors_.to_dict()}
print(bb.params_.to_dict())
json.dump(out, open(os.path.join(HERE, ".fits.json"), "w"), indent=1)
import json, numpy as np, warnings, pandas as pd
warnings.filterwarnings("ignore")
from scipy.integrate import quad
from scipy.special import gammaln
from lifetimes import BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter, GammaGammaFitter, BetaGeoBetaBinomFitter
from lifetimes.datasets import load_cdnow_summary_data_with_monetary_value, load_donations
fits = json.load(open(os.path.join(HERE, ".fits.json")))
df = load_cdnow_summary_data_with_monetary_value()
rows = [0, 1, 2, 9, 99, 499, 999, 1999, 2356]
cust = [(float(df.iloc[i]["frequency"]), float(df.iloc[i]["recency"]), float(df.iloc[i]["T"]), float(df.iloc[i]["monetary_value"])) for i in rows]
cust += [(1e4, 9e4, 1e5, 30.0), (500.0, 30.0, 39.0, 12.5), (0.0, 0.0, 1e5, 0.0), (50.0, 39.0, 39.0, 100.0), (1.0, 0.5, 1e4, 5.0), (3.0, 1e5, 1e5, 7.0), (20.0, 0.01, 52.0, 2.0)]
out = {"customers": [list(c) for c in cust]}
def model(cls, name):
    m = cls(); m.params_ = pd.Series(fits[name]["params"]); m.predict = getattr(m, "conditional_expected_number_of_purchases_up_to_time", None); return m
def f64(v):
    v = float(np.asarray(v).ravel()[0])
    return v if np.isfinite(v) else None
for name, cls in [("bg_nbd", BetaGeoFitter), ("mbg_nbd", ModifiedBetaGeoFitter), ("pareto_nbd", ParetoNBDFitter)]:
    m = model(cls, name)
    res = {"params": fits[name]["params"], "alive": [], "expected_10": [], "expected_52": [], "new": {}, "p_n": {}}
    for (x, r, T, _) in cust:
        res["alive"].append(f64(m.conditional_probability_alive(x, r, T)))
        res["expected_10"].append(f64(m.conditional_expected_number_of_purchases_up_to_time(10, x, r, T)))
        res["expected_52"].append(f64(m.conditional_expected_number_of_purchases_up_to_time(52, x, r, T)))
    for t in [1, 10, 52, 1000]:
        res["new"][str(t)] = f64(m.expected_number_of_purchases_up_to_time(t))
    for t in [10, 52]:
        for n in [0, 1, 2, 5, 20]:
            if name == "pareto_nbd":
                r_, a_, s_, b_ = [fits[name]["params"][k] for k in ["r", "alpha", "s", "beta"]]
                nb = lambda tau: np.exp(gammaln(r_+n) - gammaln(r_) - gammaln(n+1) + r_*np.log(a_/(a_+tau)) + (n*np.log(tau/(a_+tau)) if n > 0 else 0.0))
                surv = (b_/(b_+t))**s_ * nb(t)
                integ = quad(lambda tau: s_ * b_**s_ / (b_+tau)**(s_+1) * nb(tau), 0, t, epsabs=0, epsrel=1e-13, limit=500)[0]
                v = surv + integ
            else:
                v = f64(m.probability_of_n_purchases_up_to_time(t, n))
            res["p_n"][f"{n}@{t}"] = v
    out[name] = res
gg = model(GammaGammaFitter, "gamma_gamma")
out["gamma_gamma"] = {"params": fits["gamma_gamma"]["params"], "spend": [f64(gg.conditional_expected_average_profit(c[0], c[3])) for c in cust]}
bgf = model(BetaGeoFitter, "bg_nbd")
sample = pd.DataFrame(cust, columns=["frequency", "recency", "T", "monetary_value"])
clv = gg.customer_lifetime_value(bgf, sample["frequency"], sample["recency"], sample["T"], sample["monetary_value"], time=12, discount_rate=0.01, freq="W")
out["clv_bg_nbd_week"] = [f64(v) for v in clv]
pn = model(ParetoNBDFitter, "pareto_nbd")
clv = gg.customer_lifetime_value(pn, sample["frequency"], sample["recency"], sample["T"], sample["monetary_value"], time=6, discount_rate=0.02, freq="D")
out["clv_pareto_nbd_day_6_002"] = [f64(v) for v in clv]
don = load_donations()
bb = BetaGeoBetaBinomFitter(); bb.params_ = pd.Series(fits["bg_bb"]["params"])
bb.data = pd.DataFrame({"frequency": don["frequency"], "recency": don["recency"], "n_periods": don["periods"], "weights": don["weights"]})
hist = [(float(a), float(b), float(c)) for a, b, c in zip(don["frequency"], don["recency"], don["periods"])] + [(3.0, 40.0, 100.0), (0.0, 0.0, 200.0), (150.0, 190.0, 200.0)]
res = {"params": fits["bg_bb"]["params"], "histories": hist, "alive": [], "expected_5": [], "expected_10": []}
for (x, r, n) in hist:
    res["alive"].append(f64(bb.conditional_probability_alive(0, np.array([x]), np.array([r]), np.array([n]))))
    res["expected_5"].append(f64(bb.conditional_expected_number_of_purchases_up_to_time(5, np.array([x]), np.array([r]), np.array([n]))))
    res["expected_10"].append(f64(bb.conditional_expected_number_of_purchases_up_to_time(10, np.array([x]), np.array([r]), np.array([n]))))
res["pmf"] = {}
res["new"] = {}
for n in [6, 10]:
    e = bb.expected_number_of_transactions_in_first_n_periods(n)
    tot = don["weights"].sum()
    for x, v in zip(e.index, e["model"]):
        res["pmf"][f"{int(x)}@{n}"] = float(v) / tot
for n in [6, 10, 30]:
    # mean over every x: fit data with every count 0..n present
    bb.data = pd.DataFrame({"frequency": np.arange(n + 1), "recency": np.arange(n + 1), "n_periods": n, "weights": 1})
    e = bb.expected_number_of_transactions_in_first_n_periods(n)
    res["new"][str(n)] = float((e.index.values * e["model"].values).sum() / (n + 1))
out["bg_bb"] = res
json.dump(out, open(os.path.join(HERE, "lifetimes_predictions.json"), "w"), indent=1)
import json, numpy as np
from scipy.special import hyp2f1, gammaln
cases = []
def add(a, b, c, z):
    v = hyp2f1(a, b, c, z)
    if np.isfinite(v) and v != 0:
        cases.append([a, b, c, z, float(np.log(abs(v))), float(np.sign(v))])
    else:
        print("skip", a, b, c, z, v)
# BG/NBD conditional expectation: 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))
r, al, a, b = 0.242593, 4.413532, 0.792886, 2.425752
for x in [0, 1, 5, 100, 1e4, 1e5]:
    for T in [0, 1, 38.86, 1e3, 1e5]:
        for t in [1, 10, 52, 1e3, 1e5]:
            add(r + x, b + x, a + b + x - 1, t / (al + T + t))
# Pareto A0: 2F1(r+s+x, r+x or s+1; r+s+x+1; gap/(max+rec))
r, al, s, be = 0.55327, 10.5776, 0.6062, 11.668
for x in [0, 1, 10, 1e3, 1e5]:
    for rec in [0, 1, 30, 1e5]:
        add(r + s + x, r + x, r + s + x + 1, (be - al) / (be + rec))
        add(r + s + x, s + 1, r + s + x + 1, (be - 1e-3) / (be + rec))
# parameters near 1e-3 and 1e3, z near 1
for p in [1e-3, 0.5, 3.7, 1e3]:
    for q in [1e-3, 2.2, 1e3]:
        for c in [1e-3 + 0.0, 1.5, 1e3 + 0.5]:
            for z in [0.1, 0.5, 0.9, 0.99, 0.999, 0.99999]:
                add(p, q, c, z)
json.dump(cases, open(os.path.join(HERE, "hyp2f1.json"), "w"))
print(len(cases))
os.remove(os.path.join(HERE, ".fits.json"))
