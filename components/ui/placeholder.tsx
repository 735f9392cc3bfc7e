/** Stands in for a page whose feature arrives in a later release; says so plainly. */
export function ComingSoon({ feature }: { feature: string }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
      <p className="font-medium">{feature} is not available yet.</p>
      <p className="mt-1 text-sm">This part of Cardstock is being built.</p>
    </div>
  );
}
