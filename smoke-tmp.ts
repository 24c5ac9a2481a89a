import { generateJorttDemoData } from "./sim/jortt";
for (let r = 0; r < 3; r++) { const t = performance.now(); generateJorttDemoData({ seed: 7, customers: 500, invoices: 10_000 }); console.log("gen", Math.round(performance.now() - t)); }
