/** Why a version is major: the changes a site admin must consent to before installations get it. */
export function ApprovalReasons({ reasons }: { reasons: string[] }) {
  return (
    <div className="approval-reasons">
      <p>Needs site admin approval because it:</p>
      <ul>
        {reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </div>
  );
}
